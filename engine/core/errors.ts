/** Engine failures with the gRPC meaning Hatchet gives them; the transport maps `code` to a status. */
export class EngineError extends Error {
  constructor(
    readonly code: "INVALID_ARGUMENT" | "NOT_FOUND" | "FAILED_PRECONDITION" | "UNIMPLEMENTED" | "ALREADY_EXISTS",
    message: string,
  ) {
    super(message);
  }
}
