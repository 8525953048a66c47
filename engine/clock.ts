/**
 * Where the engine reads time for what users schedule: scheduled runs, crons, retry backoff,
 * schedule timeouts. Worker liveness and execution timeouts always use wall time (they are about
 * real processes), so a virtual clock can jump days without making live workers look dead.
 */
export interface Clock {
  now(): Date;
  /** Clocks that jump (virtual ones) tell listeners, so timers look at once; returns an unsubscribe. */
  onAdvance?(listener: () => void): () => void;
}

export const systemClock: Clock = { now: () => new Date() };

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "3d", "1h30m", "250ms" → milliseconds; undefined when malformed. */
export function parseSpan(text: string): number | undefined {
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d|w))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)) total += Number(amount) * UNITS[unit!]!;
  return total;
}

/** Time that moves only when told to: tests and demos skip days without waiting for them. */
export class VirtualClock implements Clock {
  private offsetMs = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly real: () => number = Date.now) {}

  now(): Date {
    return new Date(this.real() + this.offsetMs);
  }

  /** Moves time forward by a span ("3d") or a number of milliseconds. */
  advance(span: string | number): Date {
    const ms = typeof span === "number" ? span : parseSpan(span);
    if (ms === undefined || !Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance time by ${String(span)}`);
    this.offsetMs += ms;
    for (const listener of this.listeners) listener();
    return this.now();
  }

  onAdvance(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Moves time forward to a moment; going back is refused (deadlines already passed stay passed). */
  advanceTo(moment: Date): Date {
    const ms = moment.getTime() - this.now().getTime();
    if (ms < 0) throw new RangeError("a virtual clock does not go back");
    return this.advance(ms);
  }
}
