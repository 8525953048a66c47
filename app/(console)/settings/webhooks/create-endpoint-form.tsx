"use client";

import { ActionStatus } from "../../../_components/action-status";
import { useActionState } from "react";
import { createWebhookEndpointAction, type SecretResult } from "../actions";
import { SecretReveal } from "../secret-reveal";

export function CreateEndpointForm({ eventTypes }: { eventTypes: string[] }) {
  const [state, create, pending] = useActionState<SecretResult, FormData>(createWebhookEndpointAction, null);
  return (
    <form action={create} className="space-y-3" aria-label="Add a webhook endpoint">
      <div>
        <label htmlFor="endpoint-url" className="block text-sm text-slate-700">URL</label>
        <input id="endpoint-url" name="url" type="url" required maxLength={2000} placeholder="https://crm.example.com/hooks/recourse" className="mt-1 w-full max-w-xl rounded-md border border-slate-300 px-3 py-1.5" />
      </div>
      <fieldset>
        <legend className="text-sm text-slate-700">Events (none ticked: every event, including future ones)</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {eventTypes.map((type) => (
            <label key={type} className="text-sm"><input type="checkbox" name="events" value={type} className="mr-1" /><code className="font-mono text-xs">{type}</code></label>
          ))}
        </div>
      </fieldset>
      <button type="submit" disabled={pending} className="rounded-md bg-indigo-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-800 disabled:opacity-60">{pending ? "Adding…" : "Add endpoint"}</button>
      <ActionStatus state={state} />
      {state?.ok && state.secret ? <SecretReveal label="Signing secret" secret={state.secret} /> : null}
    </form>
  );
}
