"use client";

import { useEffect, useState } from "react";
import type { CampaignProgress } from "@/lib/reporting/campaign-progress";
import { FunnelChart } from "../../../_components/charts";

const time = (iso: string) => new Date(iso).toISOString().slice(11, 19) + " UTC";

/** The funnel and journey counts, replaced by each server-sent update; says so when the stream drops. */
export function LiveProgress({ initial }: { initial: CampaignProgress }) {
  const [progress, setProgress] = useState(initial);
  const [live, setLive] = useState<"connecting" | "live" | "reconnecting">("connecting");
  useEffect(() => {
    const source = new EventSource(`/campaigns/${encodeURIComponent(initial.id)}/events`);
    source.addEventListener("progress", (event) => {
      setProgress(JSON.parse((event as MessageEvent<string>).data) as CampaignProgress);
      setLive("live");
    });
    source.onerror = () => setLive("reconnecting");
    return () => source.close();
  }, [initial.id]);
  const f = progress.funnel;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label="Funnel">
        <div className="mb-3 flex items-center justify-between">
          <h2 className="text-base font-semibold">Funnel</h2>
          <span className="text-xs text-slate-600" aria-live="polite" data-testid="live-status">
            {live === "live" ? `live · updated ${time(progress.readAt)}` : live === "connecting" ? "connecting…" : "connection lost, retrying…"}
          </span>
        </div>
        <FunnelChart
          stages={[
            { label: "Enrolled", value: f.enrolled },
            { label: "Dialled", value: f.dialled },
            { label: "Contacted", value: f.contacted },
            { label: "Promised", value: f.promised },
            { label: "Paid", value: f.paid },
            { label: "Escalated", value: f.escalated },
            { label: "Disputed", value: f.disputed },
          ]}
        />
        <p className="mt-3 text-sm text-slate-700">Throughput: <strong>{progress.callsLastHour}</strong> call(s) in the last hour.</p>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-label="Journeys by status">
        <h2 className="mb-3 text-base font-semibold">Journeys by status</h2>
        <table className="w-full text-sm">
          <tbody>
            {Object.entries(progress.journeys).sort(([, a], [, b]) => (b ?? 0) - (a ?? 0)).map(([status, count]) => (
              <tr key={status} className="border-t border-slate-100"><td className="py-1">{status.toLowerCase().replaceAll("_", " ")}</td><td className="py-1 text-right tabular-nums">{count}</td></tr>
            ))}
          </tbody>
        </table>
        {Object.keys(progress.journeys).length === 0 ? <p className="text-sm text-slate-600">No account is enrolled yet.</p> : null}
      </section>
    </div>
  );
}
