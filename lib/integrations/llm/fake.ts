import type { CallSummaryResult, SummaryContext } from "../../contracts/call-summary";
import type { TranscriptInput } from "../../contracts/transcript";
import { createOfflineSummarizer } from "./offline-summarizer";
import type { CallSummarizer } from "./port";

export interface FakeSummarizer extends CallSummarizer {
  /** Every call received, in order. */
  readonly calls: { transcript: TranscriptInput; context: SummaryContext }[];
  /** Queues what the next calls return or throw (an Error is thrown); afterwards the offline rules answer. */
  script(...answers: (CallSummaryResult | Error)[]): void;
}

/** For unit tests of code that takes a CallSummarizer (workflow task bodies): scripted answers and a call log. */
export function createFakeSummarizer(): FakeSummarizer {
  const rules = createOfflineSummarizer();
  const queue: (CallSummaryResult | Error)[] = [];
  const calls: FakeSummarizer["calls"] = [];
  return {
    source: "OFFLINE_RULES",
    calls,
    script: (...answers) => void queue.push(...answers),
    async summarizeCall(transcript, context, options) {
      calls.push({ transcript, context });
      const next = queue.shift();
      if (next instanceof Error) throw next;
      return next ?? rules.summarizeCall(transcript, context, options);
    },
  };
}
