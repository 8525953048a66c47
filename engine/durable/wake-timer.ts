import type { Clock } from "../clock";

/**
 * One timer for every sleep in the database: it fires at the earliest due time it knows of (the
 * `fire` callback returns the next one) and looks again at least every `maxIdleMs`, so sleeps
 * written by another engine process, or time moved by a virtual clock, are not missed for long.
 */
export class WakeTimer {
  private handle: NodeJS.Timeout | undefined;
  private armedFor: number | undefined;
  private running = false;
  private again = false;
  private stopped = true;
  private unsubscribe: (() => void) | undefined;
  /** Sleeps written while a round was firing: the next arming must not miss them. */
  private soonest: number | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly fire: () => Promise<Date | undefined>,
    private readonly maxIdleMs = 1_000,
  ) {}

  start(): void {
    this.stopped = false;
    this.unsubscribe = this.clock.onAdvance?.(() => void this.fireNow());
    void this.fireNow();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    clearTimeout(this.handle);
  }

  /** A sleep due at `at` was just written: make sure the timer goes off by then. */
  schedule(at: Date): void {
    if (this.stopped) return;
    if (this.running) {
      this.soonest = Math.min(this.soonest ?? Infinity, at.getTime());
      return;
    }
    if (this.armedFor !== undefined && at.getTime() >= this.armedFor) return;
    this.arm(at.getTime() - this.clock.now().getTime());
  }

  async fireNow(): Promise<void> {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    let next: Date | undefined;
    try {
      do {
        this.again = false;
        next = await this.fire();
      } while (this.again && !this.stopped);
    } catch (error) {
      if (!String(error).includes("Cannot use a pool after calling end")) console.error("[engine] durable timer failed:", error);
    } finally {
      this.running = false;
    }
    const soonest = Math.min(next?.getTime() ?? Infinity, this.soonest ?? Infinity);
    this.soonest = undefined;
    if (!this.stopped) this.arm(Number.isFinite(soonest) ? soonest - this.clock.now().getTime() : this.maxIdleMs);
  }

  private arm(delayMs: number): void {
    clearTimeout(this.handle);
    const delay = Math.max(0, Math.min(delayMs, this.maxIdleMs));
    this.armedFor = this.clock.now().getTime() + delay;
    this.handle = setTimeout(() => void this.fireNow(), delay);
    this.handle.unref?.();
  }
}
