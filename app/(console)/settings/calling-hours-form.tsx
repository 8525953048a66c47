"use client";

import { ActionStatus } from "../../_components/action-status";
import { useActionState, useState } from "react";
import type { ActionResult } from "../../_auth/action-result";
import { updateCallingHoursAction } from "./actions";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export function CallingHoursForm({ start, end, daysOfWeek }: { start: string; end: string; daysOfWeek: number[] }) {
  const [state, save, pending] = useActionState<ActionResult, FormData>(updateCallingHoursAction, null);
  // Controlled, because React resets an uncontrolled form after its action: a refused window
  // would otherwise vanish from the form instead of staying there to be corrected.
  const [from, setFrom] = useState(start);
  const [until, setUntil] = useState(end);
  const [days, setDays] = useState(daysOfWeek);
  return (
    <form action={save} className="space-y-3" aria-label="Default calling hours">
      <div className="flex flex-wrap gap-4">
        <div>
          <label htmlFor="ch-start" className="block text-sm text-slate-700">From (debtor&apos;s local time)</label>
          <input id="ch-start" name="start" type="time" required min="08:00" max="21:00" value={from} onChange={(e) => setFrom(e.target.value)} className="mt-1 rounded-md border border-slate-300 px-3 py-1.5" />
        </div>
        <div>
          <label htmlFor="ch-end" className="block text-sm text-slate-700">Until</label>
          <input id="ch-end" name="end" type="time" required min="08:00" max="21:00" value={until} onChange={(e) => setUntil(e.target.value)} className="mt-1 rounded-md border border-slate-300 px-3 py-1.5" />
        </div>
      </div>
      <fieldset>
        <legend className="text-sm text-slate-700">Days</legend>
        <div className="mt-1 flex flex-wrap gap-3">
          {DAYS.map((day, index) => (
            <label key={day} className="text-sm">
              <input type="checkbox" name="daysOfWeek" value={index} checked={days.includes(index)} onChange={(e) => setDays(e.target.checked ? [...days, index] : days.filter((d) => d !== index))} className="mr-1" />
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
