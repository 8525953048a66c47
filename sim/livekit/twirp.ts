import type { IncomingMessage, ServerResponse } from "node:http";

/** Twirp error codes and the HTTP status each travels with (twitchtv/twirp errors.go). */
const STATUS = {
  invalid_argument: 400,
  malformed: 400,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  bad_route: 404,
  deadline_exceeded: 408,
  already_exists: 409,
  aborted: 409,
  failed_precondition: 412,
  resource_exhausted: 429,
  internal: 500,
  unimplemented: 501,
  unavailable: 503,
} as const;
export type TwirpCode = keyof typeof STATUS;

/** A Twirp error as LiveKit sends it: `{ code, msg, meta }`, content-type exactly application/json. */
export class TwirpError extends Error {
  constructor(
    readonly code: TwirpCode,
    message: string,
    readonly meta?: Record<string, string>,
  ) {
    super(message);
  }
}

export function writeTwirpError(res: ServerResponse, error: TwirpError): void {
  const body = JSON.stringify({ code: error.code, msg: error.message, ...(error.meta ? { meta: error.meta } : {}) });
  res.writeHead(STATUS[error.code], { "content-type": "application/json" }).end(body);
}

export function writeJson(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
}

export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new TwirpError("malformed", "request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads a proto3-JSON field by its JSON name or its proto name, as protobuf parsers accept both. */
export function field<T>(body: Record<string, unknown>, jsonName: string, protoName: string): T | undefined {
  return (body[jsonName] ?? body[protoName]) as T | undefined;
}
