"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db";
import { assignQueueItem } from "@/lib/queues/assign-queue-item";
import { resolveDispute } from "@/lib/queues/resolve-dispute";
import { resolveEscalation } from "@/lib/queues/resolve-escalation";
import { runAction, type ActionResult } from "../../_auth/action-result";
import { requireRole } from "../../_auth/require-role";
import { formText as field } from "../../_auth/form-fields";

/** "me" or "" (nobody) from the buttons, or an operator id from a supervisor's choice. */
const AssigneeFieldSchema = z.string().max(64);

/** Takes, releases or (supervisor+) assigns an escalation or dispute. Agent or above; the rest is checked in lib. Audited. */
export async function assignAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  return runAction("queue.assign", async () => {
    const operator = await requireRole("agent", { mutation: true });
    const choice = AssigneeFieldSchema.parse(field(form, "assignee") ?? "");
    const assigneeId = choice === "me" ? operator.id : choice === "" ? null : choice;
    const result = await assignQueueItem(db(), { kind: field(form, "kind"), id: field(form, "id"), assigneeId }, operator);
    revalidatePath("/queues");
    return result.assigneeId === null ? "Returned to the unassigned queue." : result.assigneeId === operator.id ? "Assigned to you." : "Assigned.";
  });
}

/** Resolves an escalation with a note. Agent or above (their own or unassigned items; supervisors any). Audited. */
export async function resolveEscalationAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  return runAction("queue.resolve_escalation", async () => {
    const operator = await requireRole("agent", { mutation: true });
    await resolveEscalation(db(), { id: field(form, "id"), note: field(form, "note") }, operator);
    revalidatePath("/queues");
    return "Escalation resolved.";
  });
}

/** Resolves a dispute with an outcome and a note. Agent or above, as above. Audited. */
export async function resolveDisputeAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  return runAction("queue.resolve_dispute", async () => {
    const operator = await requireRole("agent", { mutation: true });
    const resolved = await resolveDispute(db(), { id: field(form, "id"), outcome: field(form, "outcome"), note: field(form, "note") }, operator);
    revalidatePath("/queues");
    return resolved.status === "VERIFIED" ? "Dispute resolved: verification sent, collection may resume." : "Dispute resolved: upheld, the debt is closed.";
  });
}
