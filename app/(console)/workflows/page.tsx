import Link from "next/link";
import { z } from "zod";
import { WORKFLOW } from "@/lib/contracts/names";
import { listRuns, RUN_STATUSES, type RunSummary } from "@/lib/workflow-runs/list-runs";
import { requireRole } from "../../_auth/require-role";
import { dateTime, duration, words } from "../../_components/format";
import { Badge, EmptyState, Notice, PageHeader, statusTone } from "../../_components/ui";
import { engine, engineProblem } from "./engine";

export const dynamic = "force-dynamic";

const QuerySchema = z.object({ status: z.enum(RUN_STATUSES).optional().catch(undefined), workflow: z.string().max(100).optional().catch(undefined) });

/** Workflow runs of the last 7 days, read from the engine's REST API (embedded engine or real Hatchet). */
export default async function WorkflowsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireRole("viewer");
  const query = QuerySchema.parse(await searchParams);
  let runs: RunSummary[] = [];
  let problem: string | undefined;
  try {
    runs = await listRuns(engine(), { since: new Date(Date.now() - 7 * 86_400_000), limit: 100, statuses: query.status ? [query.status] : undefined, workflowNames: query.workflow ? [query.workflow] : undefined });
  } catch (error) {
    problem = engineProblem(error);
  }
  const link = (status?: string) => `/workflows${status ? `?status=${status}` : ""}`;
  return (
    <>
      <PageHeader title="Workflows" description={`Runs of the last 7 days: journeys (${WORKFLOW.collectionJourney}), calls, campaign launches and the rest.`} />
      <nav aria-label="Status filter" className="mb-4 flex flex-wrap gap-2 text-sm">
        <Link href={link()} aria-current={!query.status ? "page" : undefined} className={`rounded-full border px-3 py-1 ${!query.status ? "border-indigo-700 bg-indigo-700 text-white" : "border-slate-300 bg-white"}`}>All</Link>
        {RUN_STATUSES.map((s) => (
          <Link key={s} href={link(s)} aria-current={query.status === s ? "page" : undefined} className={`rounded-full border px-3 py-1 ${query.status === s ? "border-indigo-700 bg-indigo-700 text-white" : "border-slate-300 bg-white"}`}>{words(s)}</Link>
        ))}
      </nav>
      {problem ? <Notice tone="red">{problem}</Notice> : runs.length === 0 ? (
        <EmptyState title="No runs">{query.status ? "No run has this status in the last 7 days." : "Runs appear here once a campaign is launched and workers pick up its journeys."}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-sm">
            <caption className="sr-only">Workflow runs</caption>
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr><th className="px-3 py-2 font-medium">Run</th><th className="px-3 py-2 font-medium">Workflow</th><th className="px-3 py-2 font-medium">Status</th><th className="px-3 py-2 font-medium">Created</th><th className="px-3 py-2 font-medium">Duration</th><th className="px-3 py-2 font-medium">Error</th></tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id} className="border-t border-slate-100">
                  <td className="px-3 py-2"><Link href={`/workflows/${r.id}`} className="font-medium text-indigo-800 hover:underline">{r.name}</Link></td>
                  <td className="px-3 py-2">{r.workflowName ?? "—"}</td>
                  <td className="px-3 py-2"><Badge tone={statusTone(r.status)}>{words(r.status)}</Badge></td>
                  <td className="px-3 py-2">{dateTime(r.createdAt)}</td>
                  <td className="px-3 py-2">{duration(r.durationMs)}</td>
                  <td className="max-w-xs truncate px-3 py-2 text-red-800" title={r.errorMessage ?? undefined}>{r.errorMessage ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
