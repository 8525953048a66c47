"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { IdSchema } from "@/lib/contracts/api";
import { CEASE_KINDS } from "@/lib/contracts/consumer-requests";
import { openDispute } from "@/lib/consumer-requests/open-dispute";
import { recordPromise } from "@/lib/consumer-requests/record-promise";
import { requestCease } from "@/lib/consumer-requests/request-cease";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { escalateJourneys } from "@/lib/journey/escalate-journeys";
import { formatCents, parseDollars } from "@/lib/money";
import { TERMINAL_STATUSES } from "@/lib/journey/status";
import { recordPayment } from "@/lib/payments/record-payment";
import { replayRun } from "@/lib/workflow-runs/replay-run";
import { runDetails } from "@/lib/workflow-runs/run-details";
import { runAction, type ActionResult } from "../../../_auth/action-result";
import { parseForm } from "../../../_auth/parse-form";
import { operatorActor } from "../../../_auth/operator-actor";
import { requireRole } from "../../../_auth/require-role";
import { engine } from "../../workflows/engine";

/** Form fields are text; empty ones count as not given. */
const text = z.string().trim().transform((v) => (v === "" ? undefined : v));
const optional = text.optional();
const dollars = z.string().transform((v, ctx) => parseDollars(v) ?? (ctx.addIssue({ code: "custom", message: "Enter an amount in dollars, such as 125.00." }), z.NEVER));

const LABELS = { amount: "Amount", receivedOn: "Received on", reference: "Reference", channel: "Channel", reason: "Reason", kind: "Request", phoneNumber: "Phone number", dueDate: "Pay by", graceDays: "Grace days" };

/** Runs one account action for an agent or above and refreshes the account page. */
async function accountAction(name: string, form: FormData, body: (accountId: string, actor: ReturnType<typeof operatorActor>) => Promise<string>): Promise<ActionResult> {
  return runAction(name, async () => {
    const operator = await requireRole("agent", { mutation: true });
    const accountId = IdSchema.parse(form.get("accountId"));
    const message = await body(accountId, operatorActor(operator));
    revalidatePath(`/accounts/${accountId}`);
    return message;
  });
}

const PaymentFormSchema = z.object({ amount: dollars, receivedOn: text.pipe(z.iso.date().optional()), reference: optional });

/** Records a payment taken by the agent (provider "console"); the journey hears of it at once. */
export async function recordPaymentAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  return accountAction("account.payment", form, async (accountId, actor) => {
    const input = parseForm(PaymentFormSchema, form, LABELS);
    const today = new Date().toISOString().slice(0, 10);
    if (input.receivedOn && input.receivedOn > today) throw new AppError("VALIDATION_FAILED", "A payment cannot be received in the future.");
    const receivedAt = !input.receivedOn || input.receivedOn === today ? new Date().toISOString() : `${input.receivedOn}T12:00:00.000Z`;
    const reference = input.reference ?? randomUUID();
    const result = await recordPayment(db(), { provider: "console", providerPaymentId: reference, accountId, amountCents: input.amount, receivedAt }, actor);
    if (result.duplicate) return `Payment reference ${reference} was already recorded; nothing changed.`;
    if (result.parkedReason) return `Payment of ${formatCents(input.amount)} parked for reconciliation (${result.parkedReason.replace("_", " ")}); the balance is unchanged.`;
    return `Payment of ${formatCents(input.amount)} applied.${result.promisesKept.length > 0 ? " It keeps the pending promise." : ""}`;
  });
}

const DisputeFormSchema = z.object({ channel: z.enum(["ORAL", "WRITTEN"]), reason: optional });

/** Marks the debt disputed: collection stops at once until it is verified (12 CFR 1006.38). */
export async function openDisputeAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  return accountAction("account.dispute", form, async (accountId, actor) => {
    const input = parseForm(DisputeFormSchema, form, LABELS);
    const result = await openDispute(db(), { accountId, ...input }, actor);
    return result.alreadyOpen ? "A dispute is already open on this debt; nothing changed." : "Dispute recorded: collection of this debt has stopped.";
  });
}

const CeaseFormSchema = z.object({ kind: z.enum(CEASE_KINDS), phoneNumber: optional });

/** Applies the consumer's request to stop communication or calls, from now on. */
export async function requestCeaseAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  return accountAction("account.cease", form, async (accountId, actor) => {
    const input = parseForm(CeaseFormSchema, form, LABELS);
    const result = await requestCease(db(), { accountId, ...input }, actor);
    if (input.kind === "STOP_CALLING") return input.phoneNumber ? `Calls to ${input.phoneNumber} stopped.` : `Calls stopped for every debt of this consumer (${result.phonesBlocked} number(s)).`;
    return `Communication stopped for ${result.accountIds.length} debt(s) of this consumer.`;
  });
}

const PromiseFormSchema = z.object({ amount: dollars, dueDate: z.iso.date("Choose the date the consumer will pay."), graceDays: z.coerce.number().int().min(0).max(30).default(3) });

/** Records a promise to pay on a date: the journey holds its calls until then (plus grace), then follows up. */
export async function recordPromiseAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  return accountAction("account.promise", form, async (accountId, actor) => {
    const input = parseForm(PromiseFormSchema, form, LABELS);
    if (input.dueDate < new Date().toISOString().slice(0, 10)) throw new AppError("VALIDATION_FAILED", "The promised date is in the past.");
    await recordPromise(db(), { accountId, amountCents: input.amount, dueDate: input.dueDate, graceDays: input.graceDays }, actor);
    return `Promise of ${formatCents(input.amount)} due ${input.dueDate} recorded; calls wait until then.`;
  });
}

/** Ends the account's live journeys as ESCALATED: a human takes it from here. */
export async function escalateAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  return accountAction("account.escalate", form, async (accountId, actor) => {
    const { reason } = parseForm(z.object({ reason: z.string() }), form, LABELS);
    const ended = await escalateJourneys(db(), { accountId, reason }, actor);
    return `Escalated: ${ended.length} journey(s) handed to a human.`;
  });
}

const RetryFormSchema = z.object({ enrollmentId: IdSchema });

/**
 * Retries a journey whose workflow run failed in the engine (a step crashed): the engine replays
 * it. Supervisor or above, as every workflow retry; refused while the run is still going.
 */
export async function retryJourneyAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  return runAction("account.retry", async () => {
    const operator = await requireRole("supervisor", { mutation: true });
    const { enrollmentId } = parseForm(RetryFormSchema, form);
    const enrollment = await db().enrollment.findUnique({ where: { id: enrollmentId } });
    if (!enrollment) throw new AppError("NOT_FOUND", "No journey has this id.");
    if (!enrollment.workflowRunId) throw new AppError("CONFLICT", "This journey has not started a workflow yet: nothing to retry.");
    if (TERMINAL_STATUSES.has(enrollment.journeyStatus)) throw new AppError("CONFLICT", `This journey has ended (${enrollment.journeyStatus.toLowerCase()}): nothing to retry.`);
    const run = await runDetails(engine(), enrollment.workflowRunId);
    if (!run) throw new AppError("NOT_FOUND", "The engine does not know this journey's workflow run.");
    if (run.run.status !== "FAILED" && run.run.status !== "CANCELLED") throw new AppError("CONFLICT", `The journey's workflow is ${run.run.status.toLowerCase()}, not failed: nothing to retry.`);
    const ids = await replayRun(engine(), [enrollment.workflowRunId]);
    await db().auditLog.create({ data: { actorType: "OPERATOR", actorId: operator.id, action: "journey.retry", entityType: "enrollment", entityId: enrollment.id, data: { runId: enrollment.workflowRunId, ids } } });
    revalidatePath(`/accounts/${enrollment.accountId}`);
    return "Retry requested: the engine runs the journey again.";
  });
}
