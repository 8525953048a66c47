import { summarizeByRules } from "./offline-rules/summarize-by-rules";
import { readSummaryUserMessage } from "./prompt";

/** The part of a chat-completion request the responder reads. */
export interface ChatRequestLike {
  readonly messages: readonly { readonly role: string; readonly content?: unknown }[];
}

/**
 * A "model" for sim/openai: it reads the transcript back out of our own prompt and answers with what
 * the offline rules make of it, so the demo and the tests get deterministic, sensible summaries
 * through the real openai client. Throws when the request is not a summary prompt (the stand-in
 * turns that into a 400).
 */
export function rulesResponder(request: ChatRequestLike): unknown {
  const user = [...request.messages].reverse().find((m) => m.role === "user");
  const read = typeof user?.content === "string" ? readSummaryUserMessage(user.content) : undefined;
  if (!read) throw new Error("the last user message is not a call-summary prompt");
  return summarizeByRules(read.transcript, read.context);
}
