/**
 * Failed sign-ins allowed per key within a window, before further attempts are refused until the
 * window ends. In memory: one console process; a restart forgets (acceptable for a brake on
 * password guessing, which scrypt already makes slow).
 */
export class FailureLimiter {
  private readonly failures = new Map<string, { count: number; windowStart: number }>();

  constructor(
    private readonly options: { maxFailures: number; windowMs: number; now?: () => number },
  ) {}

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  retryAfterMs(key: string): number {
    const entry = this.failures.get(key);
    if (!entry) return 0;
    const elapsed = this.now() - entry.windowStart;
    if (elapsed >= this.options.windowMs) {
      this.failures.delete(key);
      return 0;
    }
    return entry.count >= this.options.maxFailures ? this.options.windowMs - elapsed : 0;
  }

  recordFailure(key: string): void {
    const now = this.now();
    const entry = this.failures.get(key);
    if (!entry || now - entry.windowStart >= this.options.windowMs) this.failures.set(key, { count: 1, windowStart: now });
    else entry.count += 1;
    // Bounded memory under a spray of distinct keys: drop expired entries now and then.
    if (this.failures.size > 10_000) {
      for (const [k, e] of this.failures) if (now - e.windowStart >= this.options.windowMs) this.failures.delete(k);
    }
  }

  /** A successful sign-in clears the key's failures. */
  reset(key: string): void {
    this.failures.delete(key);
  }
}
