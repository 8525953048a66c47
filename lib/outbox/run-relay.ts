import type { Db } from "../db";
import { relayOutboxBatch, type Publish, type RelayOptions } from "./relay";

export interface RunRelayOptions extends RelayOptions {
  readonly signal: AbortSignal;
  /** Pause when there is nothing to publish (or the database failed). */
  readonly idleMs?: number;
  /** Called with a failed batch's error (the database, not a publish: those are retried per row). */
  readonly onError?: (error: unknown) => void;
}

/**
 * Runs the relay until the signal aborts: batch after batch while there is work, a pause when
 * there is none. Safe to run in several processes at once.
 */
export async function runOutboxRelay(db: Db, publish: Publish, options: RunRelayOptions): Promise<void> {
  const idleMs = options.idleMs ?? 500;
  while (!options.signal.aborted) {
    let busy = false;
    try {
      const result = await relayOutboxBatch(db, publish, options);
      busy = result.claimed > 0;
    } catch (error) {
      options.onError?.(error);
    }
    if (!busy) await pause(idleMs, options.signal);
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}
