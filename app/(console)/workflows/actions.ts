"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db";
import { cancelRun } from "@/lib/workflow-runs/cancel-run";
import { replayRun } from "@/lib/workflow-runs/replay-run";
import { runAction, type ActionResult } from "../../_auth/action-result";
import { requireRole } from "../../_auth/require-role";
import { engine } from "./engine";

const TargetSchema = z.object({ runId: z.uuid(), taskId: z.uuid().optional() });

async function control(kind: "replay" | "cancel", form: FormData): Promise<ActionResult> {
  return runAction(`workflow.${kind}`, async () => {
    const operator = await requireRole("supervisor", { mutation: true });
    const target = TargetSchema.parse({ runId: form.get("runId"), taskId: form.get("taskId") || undefined });
    const ids = [target.taskId ?? target.runId];
    const done = kind === "replay" ? await replayRun(engine(), ids) : await cancelRun(engine(), ids);
    await db().auditLog.create({
      data: { actorType: "OPERATOR", actorId: operator.id, action: `workflow.${kind}`, entityType: "workflow_run", entityId: target.runId, data: { taskId: target.taskId ?? null, ids: done } },
    });
    revalidatePath(`/workflows/${target.runId}`);
    return kind === "replay" ? "Retry requested: the engine runs the step again." : "Cancellation requested.";
  });
}

/** Retries a failed run or one of its steps (Hatchet replay). Supervisor or above; audited. */
export async function replayAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  return control("replay", form);
}

/** Cancels a run or one of its steps. Supervisor or above; audited. */
export async function cancelAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  return control("cancel", form);
}
