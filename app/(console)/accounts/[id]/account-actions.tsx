"use client";

import type { ReactNode } from "react";
import { ActionForm, Field, SelectField } from "../../../_components/action-form";
import { escalateAction, openDisputeAction, recordPaymentAction, recordPromiseAction, requestCeaseAction } from "./actions";

/** A collapsible group: a native details element, so it opens with the keyboard and is announced. */
function Section({ title, open, children }: { title: string; open?: boolean; children: ReactNode }) {
  return (
    <details open={open} className="rounded-md border border-slate-200 p-3">
      <summary className="cursor-pointer font-medium">{title}</summary>
      <div className="mt-2">{children}</div>
    </details>
  );
}

/** The agent's actions on one account; each is a server action checked, parsed and audited on the server. */
export function AccountActions({ accountId, status, disputeOpen, liveJourneys }: { accountId: string; status: string; disputeOpen: boolean; liveJourneys: number }) {
  const hidden = { accountId };
  const collectible = status === "ACTIVE" && !disputeOpen;
  return (
    <div className="space-y-3">
      <Section title="Record payment" open>
        <ActionForm name="Record payment" action={recordPaymentAction} hidden={hidden} submitLabel="Record payment" busyLabel="Recording…">
          <Field label="Amount ($)" name="amount" required inputMode="decimal" placeholder="125.00" />
          <Field label="Received on" name="receivedOn" type="date" hint="Empty means now." />
          <Field label="Reference" name="reference" hint="Processor or check number; a repeat is recorded once." />
        </ActionForm>
      </Section>
      <Section title="Promise to pay / callback">
        <ActionForm name="Record promise" action={recordPromiseAction} hidden={hidden} submitLabel="Record promise" disabledReason={collectible ? null : `Not possible on a ${disputeOpen ? "disputed" : status.toLowerCase()} account.`}>
          <Field label="Promised amount ($)" name="amount" required inputMode="decimal" />
          <Field label="Pay by" name="dueDate" type="date" required hint="Calls wait until this date plus the grace days, then follow up." />
          <Field label="Grace days" name="graceDays" type="number" min="0" max="30" defaultValue="3" />
        </ActionForm>
      </Section>
      <Section title="Mark dispute">
        <ActionForm name="Mark dispute" action={openDisputeAction} hidden={hidden} submitLabel="Mark disputed" tone="danger" disabledReason={disputeOpen ? "A dispute is already open." : null}>
          <SelectField label="Channel" name="channel" options={[{ value: "ORAL", label: "Oral (on a call)" }, { value: "WRITTEN", label: "Written (letter, email, portal)" }]} />
          <Field label="Reason" name="reason" />
        </ActionForm>
      </Section>
      <Section title="Cease communication">
        <ActionForm name="Cease communication" action={requestCeaseAction} hidden={hidden} submitLabel="Apply request" tone="danger">
          <SelectField label="Request" name="kind" options={[{ value: "CEASE_COMMUNICATION", label: "Cease all communication (written)" }, { value: "REFUSAL_TO_PAY", label: "Refuses to pay (written)" }, { value: "STOP_CALLING", label: "Stop calling" }]} />
          <Field label="Phone number" name="phoneNumber" type="tel" hint="Stop calling only: just this number (E.164). Empty: every number." />
        </ActionForm>
      </Section>
      <Section title="Escalate">
        <ActionForm name="Escalate" action={escalateAction} hidden={hidden} submitLabel="Escalate to a human" tone="danger" disabledReason={liveJourneys === 0 ? "No running journey." : null}>
          <Field label="Reason for escalation" name="reason" required />
        </ActionForm>
      </Section>
    </div>
  );
}
