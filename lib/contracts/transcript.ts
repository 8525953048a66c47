import { z } from "zod";
import { CallOutcomeSchema } from "./call-outcome";

/** Bounds on what a voice agent may post: a 1-hour call at speaking pace stays well inside them. */
export const TRANSCRIPT_LIMITS = {
  segments: 2_000,
  charsPerSegment: 4_000,
  totalChars: 200_000,
} as const;

/** One utterance; times are milliseconds from the moment the call was answered. */
export const TranscriptSegmentSchema = z
  .object({
    speaker: z.enum(["agent", "consumer"]),
    text: z.string().min(1).max(TRANSCRIPT_LIMITS.charsPerSegment),
    startMs: z.number().int().min(0),
    endMs: z.number().int().min(0),
  })
  .refine((segment) => segment.endMs >= segment.startMs, { message: "endMs must not be before startMs", path: ["endMs"] });
export type TranscriptSegment = z.infer<typeof TranscriptSegmentSchema>;

/**
 * A call's whole transcript and, when the agent reached one through a tool call, its disposition
 * (COMPLIANCE.md §9). Shared by the LiveKit agent (which posts it) and the summarizer (which reads
 * it). The text is untrusted: it is what a caller said, and may contain instructions aimed at an LLM.
 */
export const TranscriptInputSchema = z
  .object({
    attemptId: z.string().min(1).max(64),
    /** BCP 47 tag of the language the call was held in (Reg F 1006.18(e)(4)). */
    language: z.string().min(2).max(35),
    disposition: CallOutcomeSchema.optional(),
    segments: z.array(TranscriptSegmentSchema).max(TRANSCRIPT_LIMITS.segments),
  })
  .refine((t) => t.segments.reduce((sum, s) => sum + s.text.length, 0) <= TRANSCRIPT_LIMITS.totalChars, {
    message: `the segments' text must not exceed ${TRANSCRIPT_LIMITS.totalChars} characters in total`,
    path: ["segments"],
  });
export type TranscriptInput = z.infer<typeof TranscriptInputSchema>;

/** The reply of the intake endpoint. */
export const TranscriptReceiptSchema = z.object({
  attemptId: z.string(),
  transcriptId: z.string(),
  /** False when the same transcript had already been stored: nothing changed. */
  created: z.boolean(),
});
export type TranscriptReceipt = z.infer<typeof TranscriptReceiptSchema>;
