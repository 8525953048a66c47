"use client";

import { ActionStatus } from "../../_components/action-status";
import { useActionState } from "react";
import { createApiKeyAction, type SecretResult } from "./actions";
import { SecretReveal } from "./secret-reveal";

const SCOPES = [
  { value: "read", hint: "GET requests" },
  { value: "write", hint: "accounts, campaigns, consumer requests" },
  { value: "payments", hint: "record payments" },
  { value: "admin", hint: "everything, plus keys and webhooks" },
] as const;

export function CreateApiKeyForm() {
  const [state, create, pending] = useActionState<SecretResult, FormData>(createApiKeyAction, null);
  return (
    <form action={create} className="space-y-3" aria-label="Create an API key">
      <div>
        <label htmlFor="key-name" className="block text-sm text-slate-700">Name</label>
        <input id="key-name" name="name" required maxLength={100} placeholder="e.g. CRM production" className="mt-1 w-72 rounded-md border border-slate-300 px-3 py-1.5" />
      </div>
      <fieldset>
        <legend className="text-sm text-slate-700">Scopes</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {SCOPES.map((s) => (
            <label key={s.value} className="text-sm">
              <input type="checkbox" name="scopes" value={s.value} defaultChecked={s.value === "read"} className="mr-1" />
              {s.value} <span className="text-slate-600">({s.hint})</span>
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" disabled={pending} className="rounded-md bg-indigo-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-800 disabled:opacity-60">{pending ? "Creating…" : "Create key"}</button>
      <ActionStatus state={state} />
      {state?.ok && state.secret ? <SecretReveal label="API key" secret={state.secret} /> : null}
    </form>
  );
}
