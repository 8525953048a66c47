import { ServerError, Status } from "nice-grpc";
import { DefinitionError } from "../core/definition";
import { EngineError } from "../core/errors";

/** Maps engine failures to the gRPC status Hatchet gives; anything unexpected is INTERNAL without details. */
export function toServerError(error: unknown): ServerError {
  if (error instanceof ServerError) return error;
  if (error instanceof EngineError) return new ServerError(Status[error.code], error.message);
  if (error instanceof DefinitionError) return new ServerError(Status.INVALID_ARGUMENT, error.message);
  // Postgres: invalid uuid text and friends are the caller's fault.
  if (typeof error === "object" && error !== null && "code" in error && error.code === "22P02") return new ServerError(Status.INVALID_ARGUMENT, "malformed identifier");
  console.error("[engine] internal error:", error);
  return new ServerError(Status.INTERNAL, "internal engine error");
}

export async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toServerError(error);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids arrive as free text; a malformed one is INVALID_ARGUMENT before it reaches SQL. */
export function requireUuid(value: string | undefined, what: string): string {
  if (!value || !UUID.test(value)) throw new ServerError(Status.INVALID_ARGUMENT, `${what} must be a UUID`);
  return value;
}

/** A server-streaming handler for a method the engine does not serve: the call fails with UNIMPLEMENTED. */
export function unimplementedStream(message: string): () => AsyncGenerator<never> {
  // eslint-disable-next-line require-yield -- it fails before its first message
  return async function* () {
    throw new ServerError(Status.UNIMPLEMENTED, message);
  };
}
