"use client";

import { ActionStatus } from "../../_components/action-status";
import { useActionState, useId } from "react";
import type { ActionResult } from "../../_auth/action-result";
import { assignAction, resolveDisputeAction, resolveEscalationAction } from "./actions";

const button = "rounded-md px-3 py-1 text-sm font-medium focus:outline-none focus:ring-2 focus:ring-indigo-300 disabled:opacity-60";

/**
 * Take / release / assign and resolve controls of one queue item. What is offered follows the
 * role (the server checks again): agents take unassigned items and work their own; supervisors
 * assign anyone's.
 */
export function ItemActions(props: {
  kind: "escalation" | "dispute";
  id: string;
  label: string;
  assigneeId: string | null;
  me: string;
  canAssignOthers: boolean;
  operators: { id: string; name: string }[];
}) {
  const [assignState, assign, assigning] = useActionState<ActionResult, FormData>(assignAction, null);
  const [resolveState, resolve, resolving] = useActionState<ActionResult, FormData>(props.kind === "escalation" ? resolveEscalationAction : resolveDisputeAction, null);
  const uid = useId();
  const mine = props.assigneeId === props.me;
  const canWork = props.canAssignOthers || props.assigneeId === null || mine;
  const hidden = (
    <>
      <input type="hidden" name="kind" value={props.kind} />
      <input type="hidden" name="id" value={props.id} />
    </>
  );
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-2">
        {props.assigneeId === null ? (
          <form action={assign}>
            {hidden}
            <input type="hidden" name="assignee" value="me" />
            <button type="submit" disabled={assigning} className={`${button} bg-indigo-700 text-white hover:bg-indigo-800`} aria-label={`Assign ${props.label} to me`}>Assign to me</button>
          </form>
        ) : null}
        {props.assigneeId !== null && canWork ? (
          <form action={assign}>
            {hidden}
            <input type="hidden" name="assignee" value="" />
            <button type="submit" disabled={assigning} className={`${button} border border-slate-300 text-slate-800 hover:bg-slate-100`} aria-label={`Unassign ${props.label}`}>Unassign</button>
          </form>
        ) : null}
        {props.canAssignOthers ? (
          <form action={assign} className="flex items-end gap-2">
            {hidden}
            <div>
              <label htmlFor={`${uid}-to`} className="block text-xs text-slate-700">Assign to</label>
              <select id={`${uid}-to`} name="assignee" defaultValue={props.assigneeId ?? ""} className="mt-0.5 rounded-md border border-slate-300 px-2 py-1 text-sm">
                <option value="">Nobody</option>
                {props.operators.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
              </select>
            </div>
            <button type="submit" disabled={assigning} className={`${button} border border-indigo-300 text-indigo-900 hover:bg-indigo-50`} aria-label={`Assign ${props.label}`}>Assign</button>
          </form>
        ) : null}
      </div>
      <ActionStatus state={assignState} />
      {canWork ? (
        <form action={resolve} className="space-y-2">
          {hidden}
          {props.kind === "dispute" ? (
            <fieldset>
              <legend className="text-xs text-slate-700">Outcome</legend>
              <label className="mr-4 text-sm"><input type="radio" name="outcome" value="VERIFICATION_SENT" required className="mr-1" />Verification sent (collection may resume)</label>
              <label className="text-sm"><input type="radio" name="outcome" value="UPHELD" className="mr-1" />Upheld (close the debt)</label>
            </fieldset>
          ) : null}
          <div>
            <label htmlFor={`${uid}-note`} className="block text-xs text-slate-700">Resolution note</label>
            <textarea id={`${uid}-note`} name="note" required minLength={3} maxLength={2000} rows={2} className="mt-0.5 w-full rounded-md border border-slate-300 px-2 py-1 text-sm" placeholder="What was done, for the account's record" />
          </div>
          <button type="submit" disabled={resolving} className={`${button} bg-emerald-700 text-white hover:bg-emerald-800`} aria-label={`Resolve ${props.label}`}>{resolving ? "Resolving…" : "Resolve"}</button>
          <ActionStatus state={resolveState} />
        </form>
      ) : (
        <p className="text-sm text-slate-600">Assigned to someone else: a supervisor can reassign it.</p>
      )}
    </div>
  );
}
