import { z } from "zod";
import { CallOutcomeSchema } from "./call-outcome";

const isoInstant = z.iso.datetime({ offset: true });

/** Payload of EVENT.callEnded (`call:ended`), scoped SCOPE.attempt(id): the call is over. */
export const CallEndedPayloadSchema = z.object({
  attemptId: z.string(),
  roomName: z.string().nullable(),
  endedAt: isoInstant,
  answeredAt: isoInstant.nullable(),
  sipStatus: z.number().int().nullable(),
  /** Known when the call never connected (SIP failure); otherwise the transcript or summary decides. */
  outcome: CallOutcomeSchema.nullable(),
  /** What announced the end: the dial result or the LiveKit webhook that did. */
  source: z.enum(["dial", "participant_left", "room_finished"]),
});
export type CallEndedPayload = z.infer<typeof CallEndedPayloadSchema>;

/** Payload of EVENT.transcriptReceived (`call:transcript`), scoped SCOPE.attempt(id). */
export const TranscriptReceivedPayloadSchema = z.object({
  attemptId: z.string(),
  transcriptId: z.string(),
  language: z.string(),
  disposition: CallOutcomeSchema.nullable(),
  segments: z.number().int().min(0),
});
export type TranscriptReceivedPayload = z.infer<typeof TranscriptReceivedPayloadSchema>;
