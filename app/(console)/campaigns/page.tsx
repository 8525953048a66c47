import Link from "next/link";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { listCampaigns } from "@/lib/reporting/campaign-progress";
import { requireRole } from "../../_auth/require-role";
import { dateTime, number, words } from "../../_components/format";
import { Badge, EmptyState, PageHeader, statusTone } from "../../_components/ui";

export const dynamic = "force-dynamic";

export default async function CampaignsPage() {
  const operator = await requireRole("viewer");
  const campaigns = await listCampaigns(db());
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Each campaign runs one collection journey per enrolled account."
        actions={hasRole(operator.role, "supervisor") ? <Link href="/campaigns/new" className="rounded-md bg-indigo-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-800 focus:outline-none focus:ring-2 focus:ring-indigo-300">New campaign</Link> : null}
      />
      {campaigns.length === 0 ? (
        <EmptyState title="No campaigns yet">Create one with New campaign (supervisors) or through the API; a synthetic one comes with <code className="font-mono">npm run seed -- --activity</code>.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <caption className="sr-only">Campaigns</caption>
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr><th className="px-3 py-2 font-medium">Name</th><th className="px-3 py-2 font-medium">Status</th><th className="px-3 py-2 text-right font-medium">Accounts</th><th className="px-3 py-2 font-medium">Launched</th><th className="px-3 py-2 font-medium">Created</th></tr>
            </thead>
            <tbody>
              {campaigns.map((c) => (
                <tr key={c.id} className="border-t border-slate-100">
                  <td className="px-3 py-2"><Link href={`/campaigns/${c.id}`} className="font-medium text-indigo-800 hover:underline">{c.name}</Link></td>
                  <td className="px-3 py-2"><Badge tone={statusTone(c.status)}>{words(c.status)}</Badge></td>
                  <td className="px-3 py-2 text-right tabular-nums">{number(c.enrollments)}</td>
                  <td className="px-3 py-2">{dateTime(c.launchedAt)}</td>
                  <td className="px-3 py-2">{dateTime(c.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
