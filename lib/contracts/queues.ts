import { z } from "zod";

/**
 * The console's human work queues. An escalation is an enrollment whose journey was handed to a
 * human (ESCALATED, or EXHAUSTED: `escalatedAt` is set); a dispute is a Dispute still OPEN.
 */
export const QUEUE_KINDS = ["escalation", "dispute"] as const;
export const QueueKindSchema = z.enum(QUEUE_KINDS);
export type QueueKind = z.infer<typeof QueueKindSchema>;

/** Filters of the queue page; every field narrows the list. `assignee` is "me", "unassigned" or an operator id. */
export const QueueFilterSchema = z.strictObject({
  kind: QueueKindSchema.optional(),
  assignee: z.union([z.literal("me"), z.literal("unassigned"), z.string().min(1).max(64)]).optional(),
  /** Account or debtor external id, or the debtor's last name (prefix, case-insensitive). */
  search: z.string().trim().min(1).max(100).optional(),
});
export type QueueFilter = z.infer<typeof QueueFilterSchema>;

const QueueItemRef = { kind: QueueKindSchema, id: z.string().min(1).max(64) };

/** Assign an item to an operator, or take it back to the unassigned pile (`assigneeId: null`). */
export const AssignQueueItemInputSchema = z.strictObject({ ...QueueItemRef, assigneeId: z.string().min(1).max(64).nullable() });
export type AssignQueueItemInput = z.infer<typeof AssignQueueItemInputSchema>;

const Note = z.string().trim().min(3, "write a short note saying what was done").max(2000);

export const ResolveEscalationInputSchema = z.strictObject({ id: z.string().min(1).max(64), note: Note });
export type ResolveEscalationInput = z.infer<typeof ResolveEscalationInputSchema>;

/**
 * How a dispute ends. VERIFICATION_SENT: verification (or the original creditor's details) went to
 * the consumer, so collection may resume (12 CFR 1006.38(d)(2)). UPHELD: the consumer was right;
 * the debt is closed and never collected again.
 */
export const DISPUTE_OUTCOMES = ["VERIFICATION_SENT", "UPHELD"] as const;
export const ResolveDisputeInputSchema = z.strictObject({ id: z.string().min(1).max(64), outcome: z.enum(DISPUTE_OUTCOMES), note: Note });
export type ResolveDisputeInput = z.infer<typeof ResolveDisputeInputSchema>;
