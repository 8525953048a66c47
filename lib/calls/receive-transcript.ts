import { isDeepStrictEqual } from "node:util";
import type { TranscriptReceivedPayload } from "../contracts/call-events";
import { EVENT, SCOPE } from "../contracts/names";
import { TranscriptInputSchema, type TranscriptInput, type TranscriptReceipt } from "../contracts/transcript";
import { recordCallOutcomeIn } from "./record-outcome";
import { transaction, type Db } from "../db";
import { AppError } from "../errors";
import { appendOutboxEvent } from "../outbox/append";
import { verifyTranscriptSignature } from "./transcript-signature";

export interface TranscriptIntakeOptions {
  readonly secret: string;
  readonly maxBytes: number;
  readonly now: Date;
  /** Business time for what the transcript records (receipt, consequences); `now` when absent. A simulation's clock. */
  readonly recordedAt?: Date;
}

/**
 * Stores the voice agent's transcript of a call, with its disposition, and announces it
 * (`call:transcript`) in the same transaction. Checks, in order: size (413), signature (401),
 * JSON (400), shape (422), the attempt (404). Posting the same transcript again changes nothing;
 * a different one for the same call is a conflict (409): a transcript is a record, not a draft.
 */
export async function receiveTranscript(db: Db, rawBody: string, signature: string | null, options: TranscriptIntakeOptions): Promise<TranscriptReceipt> {
  if (Buffer.byteLength(rawBody, "utf8") > options.maxBytes) {
    throw new AppError("PAYLOAD_TOO_LARGE", `A transcript may be at most ${options.maxBytes} bytes.`);
  }
  verifyTranscriptSignature(options.secret, rawBody, signature, Math.floor(options.now.getTime() / 1000));
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new AppError("BAD_REQUEST", "The body is not JSON.");
  }
  const input = TranscriptInputSchema.parse(json);
  try {
    return await store(db, input, options.recordedAt ?? options.now);
  } catch (error) {
    // Two identical posts at once: the loser of the unique attemptId race reads the winner's row.
    if (typeof error === "object" && error !== null && "code" in error && error.code === "P2002") return store(db, input, options.recordedAt ?? options.now);
    throw error;
  }
}

function store(db: Db, input: TranscriptInput, now: Date): Promise<TranscriptReceipt> {
  return transaction(db, "receive-transcript", async (tx) => {
    const attempt = await tx.callAttempt.findUnique({ where: { id: input.attemptId }, select: { id: true, outcome: true } });
    if (!attempt) throw new AppError("NOT_FOUND", "No call attempt has this id.");
    const existing = await tx.transcript.findUnique({ where: { attemptId: input.attemptId } });
    if (existing) {
      if (sameTranscript(existing, input)) return { attemptId: input.attemptId, transcriptId: existing.id, created: false };
      throw new AppError("CONFLICT", "A different transcript was already stored for this call.");
    }
    const transcript = await tx.transcript.create({
      data: { attemptId: input.attemptId, language: input.language, segments: input.segments, disposition: input.disposition ?? null, receivedAt: now },
    });
    // The agent's disposition comes from its tool calls (COMPLIANCE.md §9 "Signal"): it settles the
    // outcome unless one is already recorded, and with it whether the call counts and began a conversation.
    // Recorded with its consequence ("stop calling" bans calls, a dispute pauses the debt) at once.
    if (input.disposition && !attempt.outcome) await recordCallOutcomeIn(tx, input.attemptId, input.disposition, {}, { now, leaveEndOpen: true });
    const payload: TranscriptReceivedPayload = {
      attemptId: input.attemptId,
      transcriptId: transcript.id,
      language: input.language,
      disposition: input.disposition ?? null,
      segments: input.segments.length,
    };
    await appendOutboxEvent(tx, {
      aggregateType: "call_attempt",
      aggregateId: input.attemptId,
      eventKey: EVENT.transcriptReceived,
      scope: SCOPE.attempt(input.attemptId),
      payload,
      idempotencyKey: `call-transcript:${input.attemptId}`,
    });
    return { attemptId: input.attemptId, transcriptId: transcript.id, created: true };
  }, { maxWaitMs: 10_000 }); // under load a pooled connection can take a while: the agent's post should not fail for it
}

function sameTranscript(stored: { language: string; segments: unknown; disposition: string | null }, input: TranscriptInput): boolean {
  return stored.language === input.language && (stored.disposition ?? undefined) === input.disposition && isDeepStrictEqual(stored.segments, input.segments);
}
