import Link from "next/link";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { formatCents } from "@/lib/money";
import { computeKpis } from "@/lib/reporting/kpis";
import { PERIOD_LABELS, PERIODS, PeriodSchema, periodRange } from "@/lib/reporting/period";
import { portfolioOverview } from "@/lib/system/overview";
import { requireRole } from "../_auth/require-role";
import { BarChart } from "../_components/charts";
import { number, percent, words } from "../_components/format";
import { Card, EmptyState, PageHeader, Stat } from "../_components/ui";

export const dynamic = "force-dynamic";

/** KPIs over a selectable period, with daily charts. */
export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ period?: string }> }) {
  await requireRole("viewer");
  const period = PeriodSchema.parse((await searchParams).period);
  const now = new Date();
  const client = db();
  const [k, overview] = await Promise.all([computeKpis(client, periodRange(period, now), now), portfolioOverview(client)]);
  const { modes } = env();
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`${PERIOD_LABELS[period]} (UTC days) · ${number(overview.accounts)} accounts, ${formatCents(overview.balanceCents)} in collection`}
        actions={
          <nav aria-label="Period" className="flex rounded-md border border-slate-300 bg-white text-sm">
            {PERIODS.map((p) => (
              <Link key={p} href={`/?period=${p}`} aria-current={p === period ? "page" : undefined} className={`px-3 py-1.5 ${p === period ? "bg-indigo-700 text-white" : "hover:bg-slate-100"}`}>
                {PERIOD_LABELS[p]}
              </Link>
            ))}
          </nav>
        }
      />
      {overview.accounts === 0 ? (
        <EmptyState title="The portfolio is empty">
          Add a synthetic one with <code className="font-mono">npm run seed -- --accounts 1000 --activity</code>, or import accounts through the API.
        </EmptyState>
      ) : null}
      <section aria-label="Key figures" className="mt-4 grid grid-cols-2 gap-4 md:grid-cols-4">
        <Stat label="Right-party contact rate" value={percent(k.rightPartyContactRate)} hint={`${number(k.rightPartyContacts)} of ${number(k.dials)} dials`} />
        <Stat label="Promise-to-pay rate" value={percent(k.promiseToPayRate)} hint={`${number(k.promisesMade)} promises from ${number(k.rightPartyContacts)} contacts`} />
        <Stat label="Promises kept" value={number(k.promisesKept)} hint={`${percent(k.promiseKeptRate)} of ${number(k.promisesKept + k.promisesBroken)} due`} />
        <Stat label="Amount recovered" value={formatCents(k.recoveredCents)} hint="applied payments" />
        <Stat label="Liquidation rate" value={percent(k.liquidationRate, 2)} hint={`of ${formatCents(k.placedCents)} placed`} />
        <Stat label="Dials today" value={number(k.dialsToday)} hint="since 00:00 UTC" />
        <Stat label="Compliance blocks" value={number(k.complianceBlocks)} hint="dials the gate refused" />
        <Stat label="Cost per dollar collected" value={k.costPerDollarCollected === null ? "—" : `${k.costPerDollarCollected.toFixed(2)}¢`} hint={`${formatCents(k.costCents)} telephony + LLM`} />
      </section>
      <div className="mt-6 grid gap-4 lg:grid-cols-2">
        <Card title="Dials per day">
          <BarChart title="Outbound dials" points={k.daily.map((d) => ({ label: d.day, value: d.dials }))} format={number} />
        </Card>
        <Card title="Recovered per day">
          <BarChart title="Applied payments" points={k.daily.map((d) => ({ label: d.day, value: d.recoveredCents }))} format={formatCents} color="#047857" />
        </Card>
        <Card title="Right-party contacts per day">
          <BarChart title="Right-party contacts" points={k.daily.map((d) => ({ label: d.day, value: d.rightPartyContacts }))} format={number} color="#0369a1" />
        </Card>
        <Card title="Why dials were blocked">
          {k.blockReasons.length === 0 ? (
            <p className="text-sm text-slate-600">No dial was blocked in this period.</p>
          ) : (
            <table className="w-full text-sm">
              <thead><tr className="text-left text-slate-600"><th className="py-1 font-medium">Reason</th><th className="py-1 text-right font-medium">Blocks</th></tr></thead>
              <tbody>
                {k.blockReasons.map((r) => (
                  <tr key={r.code} className="border-t border-slate-100"><td className="py-1">{words(r.code)}</td><td className="py-1 text-right tabular-nums">{number(r.count)}</td></tr>
                ))}
              </tbody>
            </table>
          )}
          <dl className="mt-4 grid grid-cols-2 gap-2 border-t border-slate-100 pt-3 text-xs md:grid-cols-4">
            {Object.entries(modes).map(([part, mode]) => (
              <div key={part}><dt className="text-slate-600">{part}</dt><dd className="font-medium">{mode}</dd></div>
            ))}
          </dl>
        </Card>
      </div>
    </>
  );
}
