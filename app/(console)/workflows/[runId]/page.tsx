import { notFound } from "next/navigation";
import { z } from "zod";
import { hasRole } from "@/lib/auth/roles";
import { env } from "@/lib/env";
import { hatchetDashboardUrl } from "@/lib/workflow-runs/dashboard-link";
import { runDetails, type RunDetails } from "@/lib/workflow-runs/run-details";
import { requireRole } from "../../../_auth/require-role";
import { dateTime, duration, words } from "../../../_components/format";
import { Badge, Card, Notice, PageHeader, statusTone } from "../../../_components/ui";
import { engine, engineProblem } from "../engine";
import { RunControls } from "../run-controls";

export const dynamic = "force-dynamic";


/** One run: its task steps with status, attempts, errors and timings, the event log, and retry/cancel for supervisors. */
export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  const operator = await requireRole("viewer");
  const { runId } = await params;
  if (!z.uuid().safeParse(runId).success) notFound();
  let details: RunDetails | null = null;
  let problem: string | undefined;
  const hatchet = (() => {
    try {
      return engine();
    } catch (error) {
      problem = engineProblem(error);
      return null;
    }
  })();
  let missing = false;
  if (hatchet) {
    try {
      details = await runDetails(hatchet, runId);
      missing = details === null;
    } catch (error) {
      problem = engineProblem(error);
    }
  }
  if (missing) notFound();
  if (!details) return (<><PageHeader title="Workflow run" /><Notice tone="red">{problem}</Notice></>);
  const config = env();
  const dashboard = hatchetDashboardUrl({ mode: config.modes.hatchet, apiUrl: config.HATCHET_CLIENT_API_URL, tenantId: hatchet?.tenantId, runId });
  const canControl = hasRole(operator.role, "supervisor");
  const { run } = details;
  const finished = run.status === "COMPLETED" || run.status === "FAILED" || run.status === "CANCELLED";
  return (
    <>
      <PageHeader
        title={run.name}
        description={<>Run <span className="font-mono">{run.id}</span> · created {dateTime(run.createdAt)} · {duration(run.durationMs)}</>}
        actions={
          <div className="flex items-center gap-3">
            <span data-testid="run-status"><Badge tone={statusTone(run.status)}>{words(run.status)}</Badge></span>
            {dashboard ? <a href={dashboard} className="text-sm text-indigo-800 underline" target="_blank" rel="noreferrer">Open in Hatchet</a> : null}
          </div>
        }
      />
      {canControl ? (
        <div className="mb-4"><RunControls runId={run.id} label="the run" canReplay={run.status === "FAILED" || run.status === "CANCELLED"} canCancel={!finished} /></div>
      ) : (
        <p className="mb-4 text-sm text-slate-600">Retry and cancel need the supervisor role.</p>
      )}
      <div className="grid gap-4 lg:grid-cols-[1fr_24rem]">
        <Card title="Steps">
          <table className="w-full text-sm">
            <caption className="sr-only">Task steps</caption>
            <thead className="text-left text-slate-600">
              <tr><th className="py-1 font-medium">Step</th><th className="py-1 font-medium">Status</th><th className="py-1 font-medium">Attempt</th><th className="py-1 font-medium">Started</th><th className="py-1 font-medium">Duration</th><th className="py-1 font-medium"><span className="sr-only">Actions</span></th></tr>
            </thead>
            <tbody>
              {details.tasks.map((t) => (
                <tr key={t.id} className="border-t border-slate-100 align-top">
                  <td className="py-2 font-medium">{t.name}{t.errorMessage ? <div className="mt-1 max-w-md whitespace-pre-wrap break-words font-mono text-xs font-normal text-red-800">{t.errorMessage}</div> : null}</td>
                  <td className="py-2"><Badge tone={statusTone(t.status)}>{words(t.status)}</Badge></td>
                  <td className="py-2 tabular-nums">{t.attempt}</td>
                  <td className="py-2">{dateTime(t.startedAt)}</td>
                  <td className="py-2">{duration(t.durationMs)}</td>
                  <td className="py-2">{canControl && details.tasks.length > 1 ? <RunControls runId={run.id} taskId={t.id} label={`step ${t.name}`} canReplay={t.status === "FAILED" || t.status === "CANCELLED"} canCancel={t.status === "QUEUED" || t.status === "RUNNING"} /> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {details.tasks.length === 0 ? <p className="text-sm text-slate-600">No step has started yet.</p> : null}
        </Card>
        <Card title="Events">
          <ol className="space-y-2 text-sm" aria-label="Run events">
            {details.events.map((e, i) => (
              <li key={i}>
                <div className="flex justify-between gap-2"><span className="font-medium">{words(e.type)}</span><time className="text-xs text-slate-600" dateTime={e.at}>{dateTime(e.at)}</time></div>
                <div className="text-slate-700">{e.task ? `${e.task}: ` : ""}{e.message}</div>
                {e.error ? <div className="font-mono text-xs text-red-800">{e.error}</div> : null}
              </li>
            ))}
            {details.events.length === 0 ? <li className="text-slate-600">No events yet.</li> : null}
          </ol>
        </Card>
      </div>
    </>
  );
}
