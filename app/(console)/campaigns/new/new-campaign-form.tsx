"use client";

import { useActionState } from "react";
import type { ActionResult } from "../../../_auth/action-result";
import { Field, submitKeepingFields } from "../../../_components/action-form";
import { createCampaignAction } from "../actions";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const STATUSES = ["ACTIVE", "PAID", "SETTLED", "DISPUTED", "CEASED", "CLOSED", "RECALLED"];

function Group({ legend, children }: { legend: string; children: React.ReactNode }) {
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <legend className="px-1 text-base font-semibold">{legend}</legend>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">{children}</div>
    </fieldset>
  );
}

/** The create form; the server parses it with the API's CreateCampaignInputSchema and says what is wrong. */
export function NewCampaignForm() {
  const [state, submit, pending] = useActionState<ActionResult, FormData>(createCampaignAction, null);
  return (
    <form onSubmit={(event) => submitKeepingFields(event, submit)} aria-label="New campaign" className="space-y-4">
      <Group legend="Campaign">
        <Field label="Name" name="name" required />
        <Field label="Concurrency" name="concurrency" type="number" min="1" max="10000" defaultValue="50" hint="Journeys running at once." />
      </Group>
      <Group legend="Segment">
        <fieldset className="text-sm sm:col-span-2 lg:col-span-3">
          <legend className="font-medium text-slate-700">Account statuses</legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {STATUSES.map((s) => (
              <label key={s} className="flex items-center gap-1"><input type="checkbox" name="statuses" value={s} defaultChecked={s === "ACTIVE"} /> {s.toLowerCase()}</label>
            ))}
          </div>
        </fieldset>
        <Field label="Creditors" name="creditors" hint="Comma-separated; empty: every creditor." />
        <Field label="States" name="states" hint="USPS codes, e.g. CA, TX; empty: every state." />
        <Field label="Minimum balance ($)" name="minBalance" inputMode="decimal" />
        <Field label="Maximum balance ($)" name="maxBalance" inputMode="decimal" />
        <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="excludeTimeBarred" /> Exclude time-barred debts</label>
        <div className="flex flex-col gap-1 text-sm sm:col-span-2 lg:col-span-3">
          <label htmlFor="field-accountExternalIds" className="font-medium text-slate-700">Account references</label>
          <textarea id="field-accountExternalIds" name="accountExternalIds" rows={3} aria-describedby="field-accountExternalIds-hint" className="rounded-md border border-slate-300 px-2 py-1 font-mono focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200" />
          <span id="field-accountExternalIds-hint" className="text-xs text-slate-500">Optional: only these accounts (one per line or comma-separated).</span>
        </div>
      </Group>
      <Group legend="Strategy">
        <Field label="Attempts per account" name="maxAttempts" type="number" min="1" max="50" defaultValue="6" required />
        <Field label="Hours between attempts" name="hoursBetweenAttempts" type="number" min="1" max="720" defaultValue="24" required />
        <Field label="Agent script" name="agentScriptId" defaultValue="standard-v1" required />
        <Field label="Calling window start" name="windowStart" type="time" defaultValue="09:00" required hint="Debtor's local time; the law allows 08:00–21:00." />
        <Field label="Calling window end" name="windowEnd" type="time" defaultValue="20:00" required />
        <fieldset className="text-sm">
          <legend className="font-medium text-slate-700">Calling days</legend>
          <div className="mt-1 flex flex-wrap gap-2">
            {DAYS.map((d, i) => (
              <label key={d} className="flex items-center gap-1"><input type="checkbox" name="daysOfWeek" value={String(i)} defaultChecked={i >= 1 && i <= 6} /> {d}</label>
            ))}
          </div>
        </fieldset>
        <Field label="Calls per day (campaign)" name="callsPerDay" type="number" min="1" hint="Empty: no campaign-wide cap." />
        <Field label="Calls per account per week" name="callsPerAccountPerWeek" type="number" min="1" max="7" defaultValue="3" hint="Regulation F's 7-in-7 limit applies on top." />
      </Group>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-800 focus:outline-none focus:ring-2 focus:ring-indigo-300 disabled:opacity-60">{pending ? "Creating…" : "Create campaign"}</button>
        <p role="status" aria-live="polite" className={`text-sm ${state?.ok === false ? "text-red-800" : "text-emerald-800"}`}>{state?.message ?? ""}</p>
      </div>
    </form>
  );
}
