"use client";

import { useActionState } from "react";
import type { ActionResult } from "../../_auth/action-result";
import { cancelAction, replayAction } from "./actions";

/** Retry and cancel buttons of a run or a step, with the action's answer read out to screen readers. */
export function RunControls({ runId, taskId, label, canReplay, canCancel }: { runId: string; taskId?: string; label: string; canReplay: boolean; canCancel: boolean }) {
  const [replayState, replay, replaying] = useActionState<ActionResult, FormData>(replayAction, null);
  const [cancelState, cancel, cancelling] = useActionState<ActionResult, FormData>(cancelAction, null);
  const state = cancelState ?? replayState;
  const hidden = (
    <>
      <input type="hidden" name="runId" value={runId} />
      {taskId ? <input type="hidden" name="taskId" value={taskId} /> : null}
    </>
  );
  return (
    <div className="flex flex-wrap items-center gap-2">
      {canReplay ? (
        <form action={replay}>
          {hidden}
          <button type="submit" disabled={replaying} className="rounded-md bg-indigo-700 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-800 disabled:opacity-60" aria-label={`Retry ${label}`}>
            {replaying ? "Retrying…" : "Retry"}
          </button>
        </form>
      ) : null}
      {canCancel ? (
        <form action={cancel}>
          {hidden}
          <button type="submit" disabled={cancelling} className="rounded-md border border-red-300 px-3 py-1 text-sm text-red-800 hover:bg-red-50 disabled:opacity-60" aria-label={`Cancel ${label}`}>
            {cancelling ? "Cancelling…" : "Cancel"}
          </button>
        </form>
      ) : null}
      <span role="status" className={`text-sm ${state?.ok === false ? "text-red-800" : "text-emerald-800"}`}>{state?.message ?? ""}</span>
    </div>
  );
}
