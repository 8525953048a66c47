import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { formatCents } from "@/lib/money";
import { checkHealth } from "@/lib/system/health";
import { portfolioOverview } from "@/lib/system/overview";

export const dynamic = "force-dynamic";

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="text-sm text-slate-500">{label}</div>
      <div className="mt-1 text-2xl font-semibold tabular-nums">{value}</div>
      {hint ? <div className="mt-1 text-xs text-slate-400">{hint}</div> : null}
    </div>
  );
}

/** Front page: what is in the portfolio and how the system is running. */
export default async function HomePage() {
  const client = db();
  const [overview, health] = await Promise.all([portfolioOverview(client), checkHealth(client)]);
  const { modes } = env();
  const number = (n: number) => n.toLocaleString("en-US");
  return (
    <main className="mx-auto max-w-5xl px-6 py-10">
      <header className="flex items-baseline justify-between">
        <h1 className="text-3xl font-bold tracking-tight">Recourse</h1>
        <span className={`rounded-full px-3 py-1 text-sm ${health.status === "ok" ? "bg-emerald-100 text-emerald-800" : "bg-red-100 text-red-800"}`}>
          {health.status === "ok" ? "All systems running" : "Database unreachable"}
        </span>
      </header>
      <p className="mt-2 text-slate-600">AI-voice collection journeys as durable workflows.</p>

      <section className="mt-8 grid grid-cols-2 gap-4 md:grid-cols-4">
        <Stat label="Debtors" value={number(overview.debtors)} />
        <Stat label="Accounts" value={number(overview.accounts)} hint={`${number(overview.activeAccounts)} active`} />
        <Stat label="Balance in collection" value={formatCents(overview.balanceCents)} />
        <Stat label="Campaigns" value={number(overview.campaigns.total)} hint={`${number(overview.campaigns.running)} running`} />
        <Stat label="Time-barred accounts" value={number(overview.timeBarredAccounts)} hint="never threaten suit (12 CFR 1006.26(b))" />
        <Stat label="Phones" value={number(overview.phones.total)} />
        <Stat label="Wireless without consent" value={number(overview.phones.cellWithoutConsent)} hint="AI-voice calls blocked (TCPA)" />
        <Stat label="Migrations" value={number(health.database.migrations ?? 0)} hint={health.database.latencyMs !== null ? `database ${health.database.latencyMs} ms` : undefined} />
      </section>

      {overview.accounts === 0 ? (
        <p className="mt-8 rounded-lg border border-dashed border-slate-300 p-4 text-slate-600">
          The portfolio is empty. Add a synthetic one with <code className="font-mono">npm run seed -- --accounts 1000</code>.
        </p>
      ) : null}

      <section className="mt-10">
        <h2 className="text-lg font-semibold">Parts</h2>
        <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-2 text-sm md:grid-cols-4">
          {Object.entries(modes).map(([part, mode]) => (
            <div key={part}>
              <dt className="text-slate-500">{part}</dt>
              <dd className="font-medium">{mode}</dd>
            </div>
          ))}
        </dl>
      </section>
    </main>
  );
}
