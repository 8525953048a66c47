import Link from "next/link";
import { z } from "zod";
import { ACCOUNT_STATUSES, listAccounts } from "@/lib/accounts/list";
import { db } from "@/lib/db";
import { formatCents } from "@/lib/money";
import { requireRole } from "../../_auth/require-role";
import { dateTime, number, words } from "../../_components/format";
import { Badge, EmptyState, PageHeader, statusTone } from "../../_components/ui";

export const dynamic = "force-dynamic";

const QuerySchema = z.object({
  q: z.string().max(100).optional().catch(undefined),
  status: z.enum(ACCOUNT_STATUSES as [string, ...string[]]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireRole("viewer");
  const query = QuerySchema.parse(await searchParams);
  const result = await listAccounts(db(), { query: query.q, status: query.status as (typeof ACCOUNT_STATUSES)[number] | undefined, page: query.page });
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const link = (page: number) => `/accounts?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(query.status ? { status: query.status } : {}), page: String(page) })}`;
  return (
    <>
      <PageHeader title="Accounts" description={`${number(result.total)} account${result.total === 1 ? "" : "s"}`} />
      <form role="search" className="mb-4 flex flex-wrap items-end gap-3" action="/accounts">
        <div>
          <label htmlFor="q" className="block text-sm text-slate-700">Search</label>
          <input id="q" name="q" defaultValue={query.q} placeholder="Name or reference" className="mt-1 w-64 rounded-md border border-slate-300 px-3 py-1.5" />
        </div>
        <div>
          <label htmlFor="status" className="block text-sm text-slate-700">Status</label>
          <select id="status" name="status" defaultValue={query.status ?? ""} className="mt-1 rounded-md border border-slate-300 px-3 py-1.5">
            <option value="">Any</option>
            {ACCOUNT_STATUSES.map((s) => <option key={s} value={s}>{words(s)}</option>)}
          </select>
        </div>
        <button type="submit" className="rounded-md bg-indigo-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-800">Filter</button>
      </form>
      {result.rows.length === 0 ? (
        <EmptyState title="No accounts match">
          {query.q || query.status ? "Clear the search or choose another status." : <>Seed a synthetic portfolio with <code className="font-mono">npm run seed -- --accounts 1000 --activity</code>.</>}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <caption className="sr-only">Accounts</caption>
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr><th className="px-3 py-2 font-medium">Account</th><th className="px-3 py-2 font-medium">Debtor</th><th className="px-3 py-2 font-medium">Creditor</th><th className="px-3 py-2 text-right font-medium">Balance</th><th className="px-3 py-2 font-medium">Status</th><th className="px-3 py-2 font-medium">Flags</th><th className="px-3 py-2 font-medium">Last call</th></tr>
            </thead>
            <tbody>
              {result.rows.map((row) => (
                <tr key={row.id} className="border-t border-slate-100 hover:bg-slate-50">
                  <td className="px-3 py-2"><Link href={`/accounts/${row.id}`} className="font-medium text-indigo-800 underline-offset-2 hover:underline">{row.externalId}</Link></td>
                  <td className="px-3 py-2">{row.debtorName}</td>
                  <td className="px-3 py-2">{row.creditor}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatCents(row.balanceCents)}</td>
                  <td className="px-3 py-2"><Badge tone={statusTone(row.status)}>{words(row.status)}</Badge></td>
                  <td className="px-3 py-2"><span className="flex flex-wrap gap-1">{row.flags.map((f) => <Badge key={f} tone="red">{f}</Badge>)}</span></td>
                  <td className="px-3 py-2 text-slate-600">{dateTime(row.lastCallAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label="Pages" className="mt-4 flex items-center gap-3 text-sm">
          {result.page > 1 ? <Link href={link(result.page - 1)} className="rounded-md border border-slate-300 bg-white px-3 py-1">Previous</Link> : null}
          <span>Page {result.page} of {pages}</span>
          {result.page < pages ? <Link href={link(result.page + 1)} className="rounded-md border border-slate-300 bg-white px-3 py-1">Next</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
