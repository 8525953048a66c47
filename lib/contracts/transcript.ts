import { z } from "zod";
import { CallOutcomeSchema } from "./call-outcome";

/** One utterance; times are milliseconds from the moment the call was answered. */
export const TranscriptSegmentSchema = z
  .object({
    speaker: z.enum(["agent", "consumer"]),
    text: z.string().min(1).max(4_000),
    startMs: z.number().int().min(0),
    endMs: z.number().int().min(0),
  })
  .refine((segment) => segment.endMs >= segment.startMs, { message: "endMs must not be before startMs", path: ["endMs"] });
export type TranscriptSegment = z.infer<typeof TranscriptSegmentSchema>;

/**
 * What the voice agent posts when a call ends (POST /api/calls/transcripts): the whole transcript
 * and, when the agent reached one through a tool call, its disposition (COMPLIANCE.md §9).
 */
export const TranscriptInputSchema = z.object({
  attemptId: z.string().min(1).max(64),
  /** BCP 47 tag of the language the call was held in (Reg F 1006.18(e)(4)). */
  language: z.string().min(2).max(35),
  disposition: CallOutcomeSchema.optional(),
  segments: z.array(TranscriptSegmentSchema).max(2_000),
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
