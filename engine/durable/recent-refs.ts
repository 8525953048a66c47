import type { DurableEventLogEntryRef } from "@hatchet-dev/typescript-sdk/protoc/v1/dispatcher";

/**
 * Log entries one DurableTask stream dealt with lately, each forgotten `windowMs` after it was
 * noted. The SDK lists every callback it still waits for in each status report (every second,
 * and on every new wait), so without memory a busy worker's reports cost the same work again and
 * again. The stream keeps two (engine/grpc/durable.ts):
 *
 * - completions it carried: a satisfied entry already sent, queued behind other responses or
 *   waiting for an earlier one to be released in order, is not sent again for every report (at a
 *   launch that was thousands of duplicates a second, queued in front of the responses the worker
 *   waited for). After the window it is sent again, as a safety net: the one case that needs a
 *   repeat (a second wait on a node already released, two children deduped by one child key)
 *   waits at most that long.
 * - entries found still pending: not looked up again within the window (ten thousand waiting
 *   journeys made every report two statements over arrays that long, several a second per
 *   worker). An entry satisfied meanwhile is pushed to this stream as it happens; the look
 *   after the window is the safety net.
 *
 * A stream delivers in order and loses nothing while it stays open; a reconnect is a new stream,
 * which looks at and repeats everything at once.
 */
export class RecentRefs {
  private readonly notedAt = new Map<string, number>();

  constructor(
    private readonly windowMs = 10_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  note(ref: DurableEventLogEntryRef): void {
    const key = keyOf(ref);
    // Re-inserted so the map stays in the order noted and pruning can stop at the first fresh entry.
    this.notedAt.delete(key);
    this.notedAt.set(key, this.now());
    this.prune();
  }

  isRecent(ref: DurableEventLogEntryRef): boolean {
    const at = this.notedAt.get(keyOf(ref));
    return at !== undefined && this.now() - at < this.windowMs;
  }

  private prune(): void {
    const cutoff = this.now() - this.windowMs;
    for (const [key, at] of this.notedAt) {
      if (at >= cutoff) break;
      this.notedAt.delete(key);
    }
  }
}

const keyOf = (ref: DurableEventLogEntryRef) => `${ref.durableTaskExternalId}/${ref.invocationCount}/${ref.branchId}/${ref.nodeId}`;
