"use client";

import { ActionStatus } from "../../_components/action-status";
import { useActionState } from "react";
import type { ActionResult } from "../../_auth/action-result";

/** One button bound to a server action on one record (revoke, disable, replay, send), with its answer read out. */
export function ActionButton({ action, id, label, name, danger = false }: { action: (previous: ActionResult, form: FormData) => Promise<ActionResult>; id: string; label: string; name: string; danger?: boolean }) {
  const [state, run, pending] = useActionState<ActionResult, FormData>(action, null);
  return (
    <form action={run} className="inline-flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        disabled={pending}
        aria-label={name}
        className={`rounded-md px-2.5 py-1 text-sm focus:outline-none focus:ring-2 focus:ring-indigo-300 disabled:opacity-60 ${danger ? "border border-red-300 text-red-800 hover:bg-red-50" : "border border-indigo-300 text-indigo-900 hover:bg-indigo-50"}`}
      >
        {pending ? "Working…" : label}
      </button>
      <ActionStatus state={state} as="span" />
    </form>
  );
}
