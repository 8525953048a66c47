import { ZodError } from "zod";

/**
 * The closed set of failures the product reports. Each code fixes its HTTP status and whether
 * trying again can help (workflow tasks turn non-retryable codes into NonRetryableError).
 */
export const ERROR_CODES = {
  BAD_REQUEST: { status: 400, retryable: false, title: "Bad request" },
  UNAUTHENTICATED: { status: 401, retryable: false, title: "Authentication required" },
  FORBIDDEN: { status: 403, retryable: false, title: "Forbidden" },
  NOT_FOUND: { status: 404, retryable: false, title: "Not found" },
  CONFLICT: { status: 409, retryable: false, title: "Conflict" },
  PAYLOAD_TOO_LARGE: { status: 413, retryable: false, title: "Payload too large" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, retryable: false, title: "Unsupported media type" },
  VALIDATION_FAILED: { status: 422, retryable: false, title: "Validation failed" },
  IDEMPOTENCY_MISMATCH: { status: 422, retryable: false, title: "Idempotency key reused with a different request" },
  COMPLIANCE_BLOCKED: { status: 409, retryable: false, title: "Blocked by a compliance rule" },
  RATE_LIMITED: { status: 429, retryable: true, title: "Too many requests" },
  UPSTREAM_REJECTED: { status: 502, retryable: false, title: "An outside service rejected the request" },
  UPSTREAM_UNAVAILABLE: { status: 503, retryable: true, title: "An outside service is unavailable" },
  /** The service answered, but with something unusable (e.g. an LLM reply that fails its schema); a new try may differ. */
  UPSTREAM_INVALID_REPLY: { status: 502, retryable: true, title: "An outside service sent an invalid reply" },
  INTERNAL: { status: 500, retryable: true, title: "Internal error" },
} as const satisfies Record<string, { status: number; retryable: boolean; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  path: string;
  message: string;
}

/** A failure with a code from ERROR_CODES; `message` is safe to show to the client. */
export class AppError extends Error {
  override readonly name = "AppError";
  readonly code: ErrorCode;
  readonly errors: FieldError[] | undefined;
  /** Overrides the code's default, e.g. a vendor 429 inside UPSTREAM_REJECTED. */
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; errors?: FieldError[]; retryable?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.errors = options.errors;
    this.retryable = options.retryable ?? ERROR_CODES[code].retryable;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

/** RFC 9457 problem details, as sent with `content-type: application/problem+json`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  errors?: FieldError[];
}

/** Field errors from a zod failure, with dotted paths (`rows.3.balanceCents`). */
export function zodFieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join(".") || "(root)", message: issue.message }));
}

function prismaCode(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" && /^P\d{4}$/.test(error.code)) {
    return error.code;
  }
  return undefined;
}

/**
 * Turns any throw into problem details without internals: unknown errors become a generic 500
 * (the caller logs the original). See STYLE.md §8 for the mapping.
 */
export function toProblem(error: unknown, instance?: string): ProblemDetails {
  let appError: AppError;
  if (error instanceof AppError) appError = error;
  else if (error instanceof ZodError) appError = new AppError("VALIDATION_FAILED", "The request does not match the expected shape.", { errors: zodFieldErrors(error) });
  else if (prismaCode(error) === "P2025") appError = new AppError("NOT_FOUND", "The requested record does not exist.");
  else if (prismaCode(error) === "P2002") appError = new AppError("CONFLICT", "A record with the same unique key already exists.");
  else appError = new AppError("INTERNAL", "Something went wrong on our side. Try again later.");
  const { status, title } = ERROR_CODES[appError.code];
  return {
    type: `https://recourse.dev/problems/${appError.code.toLowerCase().replaceAll("_", "-")}`,
    title,
    status,
    detail: appError.message,
    code: appError.code,
    ...(instance ? { instance } : {}),
    ...(appError.errors ? { errors: appError.errors } : {}),
  };
}

/** Whether a retry can help: decides between rethrowing and NonRetryableError in tasks. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof AppError) return error.retryable;
  if (error instanceof ZodError) return false;
  return true;
}
