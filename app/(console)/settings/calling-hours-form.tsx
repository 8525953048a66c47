"use client";

import { ActionStatus } from "../../_components/action-status";
import { useActionState } from "react";
import type { ActionResult } from "../../_auth/action-result";
import { updateCallingHoursAction } from "./actions";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export function CallingHoursForm({ start, end, daysOfWeek }: { start: string; end: string; daysOfWeek: number[] }) {
  const [state, save, pending] = useActionState<ActionResult, FormData>(updateCallingHoursAction, null);
  return (
    <form action={save} className="space-y-3" aria-label="Default calling hours">
      <div className="flex flex-wrap gap-4">
        <div>
          <label htmlFor="ch-start" className="block text-sm text-slate-700">From (debtor&apos;s local time)</label>
          <input id="ch-start" name="start" type="time" required min="08:00" max="21:00" defaultValue={start} className="mt-1 rounded-md border border-slate-300 px-3 py-1.5" />
        </div>
        <div>
          <label htmlFor="ch-end" className="block text-sm text-slate-700">Until</label>
          <input id="ch-end" name="end" type="time" required min="08:00" max="21:00" defaultValue={end} className="mt-1 rounded-md border border-slate-300 px-3 py-1.5" />
        </div>
      </div>
      <fieldset>
        <legend className="text-sm text-slate-700">Days</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {DAYS.map((day, index) => (
            <label key={day} className="text-sm">
              <input type="checkbox" name="daysOfWeek" value={index} defaultChecked={daysOfWeek.includes(index)} className="mr-1" />
              {day}
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" disabled={pending} className="rounded-md bg-indigo-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-800 disabled:opacity-60">{pending ? "Saving…" : "Save calling hours"}</button>
      <ActionStatus state={state} />
    </form>
  );
}
