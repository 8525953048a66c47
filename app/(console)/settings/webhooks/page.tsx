import Link from "next/link";
import { z } from "zod";
import { db } from "@/lib/db";
import { WEBHOOK_EVENT } from "@/lib/webhooks/event-types";
import { listWebhookDeliveries } from "@/lib/webhooks/list-webhook-deliveries";
import { listWebhookEndpoints } from "@/lib/webhooks/list-webhook-endpoints";
import { requireRole } from "../../../_auth/require-role";
import { dateTime } from "../../../_components/format";
import { Badge, Card, EmptyState, PageHeader, statusTone } from "../../../_components/ui";
import { ActionButton } from "../action-button";
import { disableWebhookEndpointAction, replayDeliveryAction, sendDeliveryAction } from "../actions";
import { SettingsNav } from "../settings-nav";
import { CreateEndpointForm } from "./create-endpoint-form";

export const dynamic = "force-dynamic";

const QuerySchema = z.object({
  status: z.enum(["PENDING", "DELIVERED", "FAILED"]).optional().catch(undefined),
  endpoint: z.string().min(1).max(64).optional().catch(undefined),
});

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireRole("admin");
  const query = QuerySchema.parse(await searchParams);
  const [endpoints, deliveries] = await Promise.all([listWebhookEndpoints(db()), listWebhookDeliveries(db(), { status: query.status, endpointId: query.endpoint })]);
  return (
    <>
      <PageHeader title="Settings" description="Outbound webhooks to your CRM: signed POSTs (Recourse-Signature) retried with backoff. Admins only." />
      <SettingsNav current="webhooks" />
      <div className="space-y-6">
        <Card title="Endpoints">
          {endpoints.length === 0 ? (
            <EmptyState title="No webhook endpoints">Add your CRM&apos;s URL below to receive calls, promises, payments, disputes and escalations as they happen.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100" aria-label="Webhook endpoints">
              {endpoints.map((e) => (
                <li key={e.id} className="flex flex-wrap items-center gap-3 py-2">
                  <span className="break-all font-mono text-xs">{e.url}</span>
                  <Badge tone={e.active ? "green" : "gray"}>{e.active ? "active" : "disabled"}</Badge>
                  <span className="text-sm text-slate-600">{e.events.length === 0 ? "all events" : e.events.join(", ")}</span>
                  <span className="text-sm text-slate-600">{e.deliveries.delivered} delivered · {e.deliveries.pending} pending · {e.deliveries.failed} failed</span>
                  {e.active ? <ActionButton action={disableWebhookEndpointAction} id={e.id} label="Disable" name={`Disable ${e.url}`} danger /> : null}
                </li>
              ))}
            </ul>
          )}
          <div className="mt-4 border-t border-slate-100 pt-4">
            <h3 className="mb-2 text-sm font-semibold">Add an endpoint</h3>
            <CreateEndpointForm eventTypes={Object.values(WEBHOOK_EVENT)} />
          </div>
        </Card>

        <Card title="Delivery log">
          <form role="search" aria-label="Filter deliveries" action="/settings/webhooks" className="mb-3 flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="status" className="block text-sm text-slate-700">Status</label>
              <select id="status" name="status" defaultValue={query.status ?? ""} className="mt-1 rounded-md border border-slate-300 px-3 py-1.5">
                <option value="">Any</option><option value="PENDING">Pending</option><option value="DELIVERED">Delivered</option><option value="FAILED">Failed</option>
              </select>
            </div>
            <div>
              <label htmlFor="endpoint" className="block text-sm text-slate-700">Endpoint</label>
              <select id="endpoint" name="endpoint" defaultValue={query.endpoint ?? ""} className="mt-1 max-w-xs rounded-md border border-slate-300 px-3 py-1.5">
                <option value="">Any</option>
                {endpoints.map((e) => <option key={e.id} value={e.id}>{e.url}</option>)}
              </select>
            </div>
            <button type="submit" className="rounded-md bg-indigo-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-800">Filter</button>
            {query.status || query.endpoint ? <Link href="/settings/webhooks" className="text-sm text-indigo-800 underline">Clear filters</Link> : null}
          </form>
          {deliveries.length === 0 ? (
            <EmptyState title={query.status || query.endpoint ? "No deliveries match these filters" : "No deliveries yet"}>
              {query.status || query.endpoint ? "Clear the filters to see the whole log." : "Deliveries appear when a subscribed event happens (a call ends, a payment arrives, a dispute is opened…)."}
            </EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-sm">
                <caption className="sr-only">Webhook deliveries, newest first</caption>
                <thead className="text-left text-slate-600">
                  <tr><th className="py-2 pr-3 font-medium">Event</th><th className="py-2 pr-3 font-medium">Endpoint</th><th className="py-2 pr-3 font-medium">Status</th><th className="py-2 pr-3 text-right font-medium">Attempts</th><th className="py-2 pr-3 font-medium">Last answer</th><th className="py-2 pr-3 font-medium">Next retry</th><th className="py-2 pr-3 font-medium">Created</th><th className="py-2 font-medium"><span className="sr-only">Actions</span></th></tr>
                </thead>
                <tbody>
                  {deliveries.map((d) => (
                    <tr key={d.id} className="border-t border-slate-100 align-top" data-testid={`delivery-${d.id}`}>
                      <td className="py-2 pr-3 font-mono text-xs">{d.eventType}</td>
                      <td className="max-w-[16rem] break-all py-2 pr-3 font-mono text-xs">{d.endpointUrl}</td>
                      <td className="py-2 pr-3"><Badge tone={statusTone(d.status)}>{d.status.toLowerCase()}</Badge></td>
                      <td className="py-2 pr-3 text-right tabular-nums">{d.attempts}</td>
                      <td className="py-2 pr-3">{d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : d.lastError ?? "—"}</td>
                      <td className="py-2 pr-3 text-slate-600">{d.status === "PENDING" && d.nextAttemptAt ? dateTime(d.nextAttemptAt) : "—"}</td>
                      <td className="py-2 pr-3 text-slate-600">{dateTime(d.createdAt)}</td>
                      <td className="py-2">
                        {d.status === "FAILED" ? <ActionButton action={replayDeliveryAction} id={d.id} label="Replay" name={`Replay ${d.eventType} delivery`} /> : null}
                        {d.status === "PENDING" ? <ActionButton action={sendDeliveryAction} id={d.id} label="Send now" name={`Send ${d.eventType} delivery now`} /> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
