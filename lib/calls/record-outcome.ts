import { z } from "zod";
import {
  CallOutcomeSchema,
  OUTCOME_RULES,
  type CallOutcome,
} from "../contracts/call-outcome";
import { transaction, type Db, type Tx } from "../db";
import { AppError } from "../errors";
import { offerFreedLine } from "../campaigns/line-queue";
import { enqueueCallWebhooks } from "./enqueue-call-webhooks";

export const OutcomeDetailsSchema = z.object({
  answeredAt: z.date().optional(),
  endedAt: z.date().optional(),
  sipStatus: z.number().int().optional(),
  sipResult: z.string().max(500).optional(),
  /** CALLBACK_REQUESTED: end of the period the consumer stated (the window never exceeds 7 days). */
  callbackUntil: z.date().optional(),
});
export type OutcomeDetails = z.infer<typeof OutcomeDetailsSchema>;

export interface RecordOutcomeResult {
  /** False when the attempt already had an outcome: the first one stands (append-only). */
  readonly recorded: boolean;
  readonly outcome: CallOutcome;
  readonly counted: boolean;
  readonly conversation: boolean;
}

/**
 * Sets an attempt's outcome once, with `counted` and `conversation` from COMPLIANCE.md §9, and
 * applies the outcome's consequence in the same transaction: a bad or wrong number stops being
 * dialled, "stop calling" bans calls to the person and revokes TCPA consent on the number, an oral
 * dispute pauses the debts, an attorney stops contact, a callback opens a consent window. The
 * call's line goes to the journey that has waited longest for one of its campaign's lines.
 * A second outcome for the same attempt (a duplicate webhook, a retried summary) changes nothing.
 */
export async function recordCallOutcome(
  db: Db,
  attemptId: string,
  outcomeInput: CallOutcome,
  detailsInput: OutcomeDetails = {},
  options: { now?: Date } = {},
): Promise<RecordOutcomeResult> {
  return transaction(db, "record-call-outcome", (tx) =>
    recordCallOutcomeIn(tx, attemptId, outcomeInput, detailsInput, options),
  );
}

/** The same, inside a caller's transaction (e.g. the transcript intake, whose disposition settles the outcome). */
export async function recordCallOutcomeIn(
  tx: Tx,
  attemptId: string,
  outcomeInput: CallOutcome,
  detailsInput: OutcomeDetails = {},
  options: {
    now?: Date;
    /** The call's end is not known here (the webhook brings it): leave endedAt alone. */
    leaveEndOpen?: boolean;
  } = {},
): Promise<RecordOutcomeResult> {
  const outcome = CallOutcomeSchema.parse(outcomeInput);
  const details = OutcomeDetailsSchema.parse(detailsInput);
  const rule = OUTCOME_RULES[outcome];
  const now = options.now ?? new Date();
  const updated = await tx.callAttempt.updateMany({
    where: { id: attemptId, outcome: null },
    data: {
      outcome,
      counted: rule.counts,
      conversation: rule.conversation,
      ...(details.answeredAt ? { answeredAt: details.answeredAt } : {}),
      ...(details.endedAt
        ? { endedAt: details.endedAt }
        : options.leaveEndOpen
          ? {}
          : { endedAt: now }),
      ...(details.sipStatus !== undefined
        ? { sipStatus: details.sipStatus }
        : {}),
      ...(details.sipResult !== undefined
        ? { sipResult: details.sipResult }
        : {}),
    },
  });
  // The debts only matter to a consequence, i.e. when this call set the outcome (a repeat is common:
  // the transcript's disposition and the summary both report one).
  const attempt = await tx.callAttempt.findUnique({
    where: { id: attemptId },
    select: { outcome: true, counted: true, conversation: true, debtorId: true, phoneId: true },
  });
  if (!attempt || !attempt.outcome)
    throw new AppError(
      "NOT_FOUND",
      `Call attempt ${attemptId} does not exist.`,
    );
  const result = {
    recorded: updated.count === 1,
    outcome: attempt.outcome,
    counted: attempt.counted,
    conversation: attempt.conversation,
  };
  if (result.recorded) {
    const debts = await tx.callAttemptDebt.findMany({ where: { attemptId }, select: { accountId: true } });
    await applyConsequence(tx, { ...attempt, debts }, outcome, now, details);
    await enqueueCallWebhooks(tx, attemptId, outcome);
    // With its outcome the call stops counting against the campaign's cap: its line is free.
    await offerFreedLine(tx, attemptId);
  }
  return result;
}

async function applyConsequence(
  tx: Tx,
  attempt: {
    debtorId: string;
    phoneId: string | null;
    debts: { accountId: string }[];
  },
  outcome: CallOutcome,
  now: Date,
  details: OutcomeDetails,
): Promise<void> {
  const accountIds = attempt.debts.map((d) => d.accountId);
  switch (outcome) {
    case "NOT_IN_SERVICE":
      if (attempt.phoneId)
        await tx.phone.update({
          where: { id: attempt.phoneId },
          data: { status: "BAD_NUMBER" },
        });
      return;
    case "WRONG_PARTY":
      // Cmt. 14(b)(2)(i)-3: keep it counted, stop dialling the number.
      if (attempt.phoneId)
        await tx.phone.update({
          where: { id: attempt.phoneId },
          data: { status: "WRONG_PARTY" },
        });
      return;
    case "CEASE_REQUEST":
      // 1006.14(h)(1): no calls to the person about any debt; FCC 24-24: revocation honoured at once.
      await tx.debtor.updateMany({
        where: { id: attempt.debtorId, stopCallingAt: null },
        data: { stopCallingAt: now },
      });
      if (attempt.phoneId)
        await tx.phone.updateMany({
          where: { id: attempt.phoneId, consentRevokedAt: null },
          data: { consentRevokedAt: now },
        });
      return;
    case "DISPUTE":
      // §5 oral dispute: pause calls on the disputed debts until a human handles it.
      await tx.account.updateMany({
        where: { id: { in: accountIds }, disputePendingAt: null },
        data: { disputePendingAt: now },
      });
      return;
    case "ATTORNEY_REPRESENTED":
      await tx.debtor.updateMany({
        where: { id: attempt.debtorId, attorneyRepresentedAt: null },
        data: { attorneyRepresentedAt: now },
      });
      return;
    case "CALLBACK_REQUESTED":
      // Cmt. 14(b)(3)(i)-2: consent given directly; the gate caps the window at 7 days from receipt.
      await tx.account.updateMany({
        where: { id: { in: accountIds } },
        data: {
          callConsentReceivedAt: now,
          callConsentEndsAt: details.callbackUntil ?? null,
          callConsentRevokedAt: null,
        },
      });
      return;
    default:
      return;
  }
}
