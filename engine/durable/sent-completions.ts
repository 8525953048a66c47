import type { DurableEventLogEntryRef } from "@hatchet-dev/typescript-sdk/protoc/v1/dispatcher";

/**
 * The completions one DurableTask stream carried lately. The SDK lists every callback it still
 * waits for in each status report (every second, and on every new wait), so a busy worker's
 * satisfied entries — already sent, queued behind other responses or waiting for an earlier one
 * to be released in order — would be sent again for every report: at a launch that was thousands
 * of duplicates a second, queued in front of the responses the worker was waiting for. A stream
 * delivers in order and loses nothing while it stays open, so within `windowMs` a report does not
 * repeat what this stream already sent; after it, the entry is sent again, as a safety net. (The
 * SDK keeps a completion that arrives before its waiter; the one case that needs a repeat — a
 * second wait on a node already released, two children deduped by one child key — waits at most
 * the window for it.) A reconnect is a new stream, which repeats everything at once.
 */
export class SentCompletions {
  private readonly sentAt = new Map<string, number>();

  constructor(
    private readonly windowMs = 10_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  record(ref: DurableEventLogEntryRef): void {
    const key = keyOf(ref);
    // Re-inserted so the map stays in send order and pruning can stop at the first fresh entry.
    this.sentAt.delete(key);
    this.sentAt.set(key, this.now());
    this.prune();
  }

  sentRecently(ref: DurableEventLogEntryRef): boolean {
    const at = this.sentAt.get(keyOf(ref));
    return at !== undefined && this.now() - at < this.windowMs;
  }

  private prune(): void {
    const cutoff = this.now() - this.windowMs;
    for (const [key, at] of this.sentAt) {
      if (at >= cutoff) break;
      this.sentAt.delete(key);
    }
  }
}

const keyOf = (ref: DurableEventLogEntryRef) => `${ref.durableTaskExternalId}/${ref.invocationCount}/${ref.branchId}/${ref.nodeId}`;
