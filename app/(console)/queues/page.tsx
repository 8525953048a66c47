import Link from "next/link";
import { z } from "zod";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { listAssignableOperators } from "@/lib/queues/list-assignable-operators";
import { listQueue } from "@/lib/queues/list-queue";
import { requireRole } from "../../_auth/require-role";
import { dateTime } from "../../_components/format";
import { Badge, EmptyState, Notice, PageHeader } from "../../_components/ui";
import { ItemActions } from "./item-actions";

export const dynamic = "force-dynamic";

// Unknown values in the address bar fall back to "any" rather than failing the page.
const QuerySchema = z.object({
  kind: z.enum(["escalation", "dispute"]).optional().catch(undefined),
  assignee: z.string().min(1).max(64).optional().catch(undefined),
  q: z.string().trim().min(1).max(100).optional().catch(undefined),
});

export default async function QueuesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const operator = await requireRole("viewer");
  const query = QuerySchema.parse(await searchParams);
  const [items, operators] = await Promise.all([listQueue(db(), { kind: query.kind, assignee: query.assignee, search: query.q }, operator.id), listAssignableOperators(db())]);
  const canWork = hasRole(operator.role, "agent");
  const canAssignOthers = hasRole(operator.role, "supervisor");
  const filtered = Boolean(query.kind || query.assignee || query.q);
  return (
    <>
      <PageHeader title="Queues" description="Escalated journeys and open disputes waiting for a person, oldest first." />
      {!canWork ? <div className="mb-4"><Notice tone="blue">You can read the queues; taking and resolving items needs the agent role.</Notice></div> : null}
      <form role="search" aria-label="Filter the queues" className="mb-4 flex flex-wrap items-end gap-3" action="/queues">
        <div>
          <label htmlFor="kind" className="block text-sm text-slate-700">Kind</label>
          <select id="kind" name="kind" defaultValue={query.kind ?? ""} className="mt-1 rounded-md border border-slate-300 px-3 py-1.5">
            <option value="">Escalations and disputes</option>
            <option value="escalation">Escalations</option>
            <option value="dispute">Disputes</option>
          </select>
        </div>
        <div>
          <label htmlFor="assignee" className="block text-sm text-slate-700">Assigned to</label>
          <select id="assignee" name="assignee" defaultValue={query.assignee ?? ""} className="mt-1 rounded-md border border-slate-300 px-3 py-1.5">
            <option value="">Anyone or nobody</option>
            <option value="me">Me</option>
            <option value="unassigned">Nobody (unassigned)</option>
            {operators.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="q" className="block text-sm text-slate-700">Account or debtor</label>
          <input id="q" name="q" defaultValue={query.q} placeholder="Reference or last name" className="mt-1 w-56 rounded-md border border-slate-300 px-3 py-1.5" />
        </div>
        <button type="submit" className="rounded-md bg-indigo-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-800">Filter</button>
        {filtered ? <Link href="/queues" className="text-sm text-indigo-800 underline">Clear filters</Link> : null}
      </form>
      <p className="mb-3 text-sm text-slate-600" aria-live="polite">{items.length} item{items.length === 1 ? "" : "s"} waiting</p>
      {items.length === 0 ? (
        <EmptyState title={filtered ? "Nothing matches these filters" : "Nothing is waiting for a person"}>
          {filtered ? "Clear the filters to see every open item." : "Escalated journeys (attorney, bankruptcy, no dial left) and disputes recorded through the API or on calls appear here."}
        </EmptyState>
      ) : (
        <ul className="space-y-3" aria-label="Queue items">
          {items.map((item) => {
            const label = `${item.kind} on ${item.accountExternalId}`;
            return (
              <li key={`${item.kind}-${item.id}`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={`queue-item-${item.id}`}>
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div>
                    <p className="flex flex-wrap items-center gap-2">
                      <Badge tone={item.kind === "dispute" ? "red" : "amber"}>{item.kind}</Badge>
                      <Link href={`/accounts/${item.accountId}`} className="font-medium text-indigo-800 underline-offset-2 hover:underline">{item.accountExternalId}</Link>
                      <span>{item.debtorName}</span>
                    </p>
                    <p className="mt-1 text-sm text-slate-700">{item.reason}</p>
                    <p className="mt-1 text-xs text-slate-600">
                      Since {dateTime(item.since)} · {item.assignee ? <>assigned to <span className="font-medium" data-testid="assignee">{item.assignee.name}</span>{item.assignedAt ? ` on ${dateTime(item.assignedAt)}` : ""}</> : <span data-testid="assignee">unassigned</span>}
                    </p>
                  </div>
                  {canWork ? (
                    <div className="w-full md:w-[28rem]">
                      <ItemActions kind={item.kind} id={item.id} label={label} assigneeId={item.assignee?.id ?? null} me={operator.id} canAssignOthers={canAssignOthers} operators={operators} />
                    </div>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
