import { listApiKeys } from "@/lib/api/list-api-keys";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { readCallingHours } from "@/lib/settings/read-calling-hours";
import { integrationStatus, type IntegrationState } from "@/lib/system/integration-status";
import { requireRole } from "../../_auth/require-role";
import { dateTime } from "../../_components/format";
import { Badge, Card, EmptyState, Notice, PageHeader, type Tone } from "../../_components/ui";
import { ActionButton } from "./action-button";
import { revokeApiKeyAction } from "./actions";
import { CallingHoursForm } from "./calling-hours-form";
import { CreateApiKeyForm } from "./create-api-key-form";
import { SettingsNav } from "./settings-nav";

export const dynamic = "force-dynamic";

const STATE_TONE: Record<IntegrationState, Tone> = { connected: "green", simulated: "blue", offline: "red" };
const DAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export default async function SettingsPage() {
  await requireRole("admin");
  const [keys, hours, integrations] = await Promise.all([listApiKeys(db()), readCallingHours(db()), integrationStatus(env())]);
  return (
    <>
      <PageHeader title="Settings" description="API keys, the default calling hours of new campaigns, and how the outside services are connected. Admins only." />
      <SettingsNav current="general" />
      <div className="space-y-6">
        <Card title="Integrations">
          <ul className="divide-y divide-slate-100" aria-label="Integration status">
            {integrations.map((i) => (
              <li key={i.name} className="flex flex-wrap items-start gap-3 py-2" data-testid={`integration-${i.name.toLowerCase()}`}>
                <span className="w-20 font-medium">{i.name}</span>
                <Badge tone={STATE_TONE[i.state]}>{i.state}</Badge>
                <span className="flex-1 text-sm text-slate-700">{i.detail}{i.target ? <> <span className="font-mono text-xs text-slate-600">({i.target})</span></> : null}</span>
              </li>
            ))}
          </ul>
        </Card>

        <Card title="API keys">
          <p className="mb-3 text-sm text-slate-600">Keys authenticate the CRM against <code className="font-mono">/api/v1</code> as <code className="font-mono">Authorization: Bearer rk_…</code>. Only a key&apos;s prefix is kept; the key itself is shown once.</p>
          {keys.length === 0 ? (
            <EmptyState title="No API keys yet">Create one below and give it to your CRM integration.</EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-sm">
                <caption className="sr-only">API keys</caption>
                <thead className="text-left text-slate-600">
                  <tr><th className="py-2 pr-3 font-medium">Name</th><th className="py-2 pr-3 font-medium">Prefix</th><th className="py-2 pr-3 font-medium">Scopes</th><th className="py-2 pr-3 font-medium">Last used</th><th className="py-2 pr-3 font-medium">Created</th><th className="py-2 font-medium">Status</th></tr>
                </thead>
                <tbody>
                  {keys.map((k) => (
                    <tr key={k.id} className="border-t border-slate-100" data-testid={`api-key-${k.prefix}`}>
                      <td className="py-2 pr-3">{k.name}</td>
                      <td className="py-2 pr-3 font-mono text-xs">{k.prefix}…</td>
                      <td className="py-2 pr-3">{k.scopes.join(", ")}</td>
                      <td className="py-2 pr-3 text-slate-600">{k.lastUsedAt ? dateTime(k.lastUsedAt) : "never"}</td>
                      <td className="py-2 pr-3 text-slate-600">{dateTime(k.createdAt)}{k.createdBy ? ` by ${k.createdBy}` : ""}</td>
                      <td className="py-2">{k.revokedAt ? <Badge tone="gray">revoked {dateTime(k.revokedAt)}</Badge> : <ActionButton action={revokeApiKeyAction} id={k.id} label="Revoke" name={`Revoke key ${k.prefix}`} danger />}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="mt-4 border-t border-slate-100 pt-4">
            <h3 className="mb-2 text-sm font-semibold">Create a key</h3>
            <CreateApiKeyForm />
          </div>
        </Card>

        <Card title="Default calling hours">
          <p className="mb-3 text-sm text-slate-600">
            Used when a campaign is created without its own calling window (console or API). Existing campaigns keep theirs. The compliance gate still applies the law on every dial.
            Now: <strong>{hours.window.start}–{hours.window.end}</strong>, {hours.window.daysOfWeek.map((d) => DAY_NAMES[d]).join(", ")}{hours.updatedAt ? ` (set ${dateTime(hours.updatedAt)})` : " (the legal default; not set yet)"}.
          </p>
          {hours.invalidStoredValue ? <div className="mb-3"><Notice tone="red">The stored calling hours are invalid (edited outside the console?), so the legal default applies. Save the form to fix them.</Notice></div> : null}
          <CallingHoursForm start={hours.window.start} end={hours.window.end} daysOfWeek={hours.window.daysOfWeek} />
        </Card>
      </div>
    </>
  );
}
