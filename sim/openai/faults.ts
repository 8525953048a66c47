/**
 * Faults a test queues on the stand-in; each request takes the next one, then the queue is empty
 * and requests are answered normally again.
 */
export type Fault =
  /** An OpenAI error reply with this status (429 may carry retry-after, in seconds). */
  | { readonly kind: "status"; readonly status: number; readonly type?: string; readonly code?: string | null; readonly message?: string; readonly retryAfterSeconds?: number }
  /** A 200 whose message content is exactly this text, schema or not: malformed JSON, extra fields, injected values. */
  | { readonly kind: "content"; readonly content: string }
  /** Waits this long, then answers normally (if the client is still there). */
  | { readonly kind: "delay"; readonly ms: number }
  /** Closes the connection without a reply. */
  | { readonly kind: "disconnect" };

export class FaultQueue {
  private readonly queue: Fault[] = [];

  /** Queues faults for the next requests, in order. */
  push(...faults: Fault[]): this {
    this.queue.push(...faults);
    return this;
  }

  /** A 429 as OpenAI sends it when a rate limit is hit. */
  rateLimit(retryAfterSeconds = 0): this {
    return this.push({ kind: "status", status: 429, type: "requests", code: "rate_limit_exceeded", message: "Rate limit reached for requests.", retryAfterSeconds });
  }

  serverError(status = 500): this {
    return this.push({ kind: "status", status, type: "server_error", code: null, message: "The server had an error while processing your request." });
  }

  malformedJson(): this {
    return this.push({ kind: "content", content: '{"summary": "cut off mid-' });
  }

  /** Replies with this value as the message content, bypassing the schema (a non-conforming or manipulated model). */
  content(value: unknown): this {
    return this.push({ kind: "content", content: typeof value === "string" ? value : JSON.stringify(value) });
  }

  delay(ms: number): this {
    return this.push({ kind: "delay", ms });
  }

  /** The next fault, if any; used by the server. */
  take(): Fault | undefined {
    return this.queue.shift();
  }

  get pending(): number {
    return this.queue.length;
  }

  clear(): void {
    this.queue.length = 0;
  }
}
