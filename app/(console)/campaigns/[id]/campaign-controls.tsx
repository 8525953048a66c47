"use client";

import { useActionState } from "react";
import type { ActionResult } from "../../../_auth/action-result";
import { controlCampaignAction } from "../actions";

type Control = "launch" | "pause" | "resume" | "cancel";
const LABEL: Record<Control, string> = { launch: "Launch", pause: "Pause", resume: "Resume", cancel: "Cancel campaign" };

/**
 * Launch, pause, resume and cancel. Only the moves the campaign's status allows are enabled (the
 * server checks again under a row lock); the answer is read out in a live region.
 */
export function CampaignControls({ campaignId, allowed, status }: { campaignId: string; allowed: Record<Control, boolean>; status: string }) {
  const [state, submit, pending] = useActionState<ActionResult, FormData>(controlCampaignAction, null);
  const none = !Object.values(allowed).some(Boolean);
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Campaign controls">
      {(Object.keys(LABEL) as Control[]).map((control) => (
        <form key={control} action={submit}>
          <input type="hidden" name="campaignId" value={campaignId} />
          <input type="hidden" name="control" value={control} />
          <button
            type="submit"
            disabled={pending || !allowed[control]}
            title={allowed[control] ? undefined : `Not possible on a ${status} campaign`}
            className={`rounded-md px-3 py-1.5 text-sm font-medium focus:outline-none focus:ring-2 focus:ring-indigo-300 disabled:cursor-not-allowed disabled:opacity-50 ${control === "cancel" ? "border border-red-300 bg-white text-red-800 hover:bg-red-50" : "bg-indigo-700 text-white hover:bg-indigo-800"}`}
          >
            {LABEL[control]}
          </button>
        </form>
      ))}
      {none ? <span className="text-sm text-slate-600">A {status} campaign cannot change any more.</span> : null}
      <p role="status" aria-live="polite" className={`w-full text-sm ${state?.ok === false ? "text-red-800" : "text-emerald-800"}`}>{pending ? "Working…" : (state?.message ?? "")}</p>
    </div>
  );
}
