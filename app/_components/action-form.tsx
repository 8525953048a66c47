"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent, type ReactNode } from "react";
import type { ActionResult } from "../_auth/action-result";

type ServerAction = (previous: ActionResult, form: FormData) => Promise<ActionResult>;

/**
 * One server-action form: hidden ids, the fields, a submit button that says when it is busy, and
 * the action's answer in a live region (screen readers hear it; failures in red). `disabledReason`
 * disables the form and says why, so an operator never meets a button that cannot work.
 */
export function ActionForm({ action, hidden = {}, submitLabel, busyLabel, tone = "primary", disabledReason, children, name }: {
  action: ServerAction;
  hidden?: Record<string, string>;
  submitLabel: string;
  busyLabel?: string;
  tone?: "primary" | "danger";
  disabledReason?: string | null;
  children?: ReactNode;
  /** Accessible name of the form, e.g. "Record payment". */
  name: string;
}) {
  const [state, submit, pending] = useActionState<ActionResult, FormData>(action, null);
  const form = useRef<HTMLFormElement>(null);
  // Cleared after a success only: after an error the operator corrects what they typed.
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  const disabled = pending || Boolean(disabledReason);
  const button = tone === "danger" ? "border border-red-300 bg-white text-red-800 hover:bg-red-50" : "bg-indigo-700 text-white hover:bg-indigo-800";
  return (
    <form ref={form} onSubmit={(event) => submitKeepingFields(event, submit)} aria-label={name} className="space-y-2">
      {Object.entries(hidden).map(([key, value]) => <input key={key} type="hidden" name={key} value={value} />)}
      {children}
      <div className="flex flex-wrap items-center gap-2">
        <button type="submit" disabled={disabled} className={`rounded-md px-3 py-1.5 text-sm font-medium focus:outline-none focus:ring-2 focus:ring-indigo-300 disabled:cursor-not-allowed disabled:opacity-60 ${button}`}>
          {pending ? (busyLabel ?? "Working…") : submitLabel}
        </button>
        {disabledReason ? <span className="text-xs text-slate-600">{disabledReason}</span> : null}
      </div>
      <p role="status" aria-live="polite" className={`text-sm ${state?.ok === false ? "text-red-800" : "text-emerald-800"}`}>{state?.message ?? ""}</p>
    </form>
  );
}

/**
 * Submits a form to a server action without React's automatic reset of the form afterwards, which
 * would wipe the operator's input when the server refuses it.
 */
export function submitKeepingFields(event: FormEvent<HTMLFormElement>, submit: (form: FormData) => void): void {
  event.preventDefault();
  const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
  startTransition(() => submit(data));
}

/** A labelled input for action forms. */
export function Field({ label, name, type = "text", required, defaultValue, hint, ...rest }: { label: string; name: string; type?: string; required?: boolean; defaultValue?: string; hint?: string; min?: string; max?: string; placeholder?: string; inputMode?: "decimal" | "numeric" | "tel" }) {
  const id = `field-${name}-${label.replaceAll(/\W+/g, "-").toLowerCase()}`;
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={id} className="font-medium text-slate-700">{label}</label>
      <input id={id} name={name} type={type} required={required} defaultValue={defaultValue} aria-describedby={hint ? `${id}-hint` : undefined} className="rounded-md border border-slate-300 px-2 py-1 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200" {...rest} />
      {hint ? <span id={`${id}-hint`} className="text-xs text-slate-500">{hint}</span> : null}
    </div>
  );
}

/** A labelled select for action forms. */
export function SelectField({ label, name, options, defaultValue }: { label: string; name: string; options: readonly { value: string; label: string }[]; defaultValue?: string }) {
  const id = `field-${name}-${label.replaceAll(/\W+/g, "-").toLowerCase()}`;
  return (
    <div className="flex flex-col gap-1 text-sm">
      <label htmlFor={id} className="font-medium text-slate-700">{label}</label>
      <select id={id} name={name} defaultValue={defaultValue} className="rounded-md border border-slate-300 bg-white px-2 py-1 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200">
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}
