import type { TimelineEntry } from "@/lib/accounts/timeline";
import { formatCents } from "@/lib/money";
import { dateTime, words } from "../../../_components/format";
import { Badge, statusTone } from "../../../_components/ui";

const LABEL: Record<TimelineEntry["kind"], string> = { call: "Call", payment: "Payment", promise: "Promise to pay", dispute: "Dispute", compliance: "Compliance gate", audit: "Audit" };

function Body({ entry }: { entry: TimelineEntry }) {
  switch (entry.kind) {
    case "call":
      return (
        <div className="space-y-2">
          <p className="flex flex-wrap items-center gap-2">
            <span>{entry.direction === "INBOUND" ? "Inbound from" : "Dialled"} <span className="font-mono">{entry.phoneNumber}</span></span>
            {entry.outcome ? <Badge tone={statusTone(entry.outcome)}>{words(entry.outcome)}</Badge> : <Badge tone="amber">outcome pending</Badge>}
            <span className="text-slate-600">SIP {entry.sipStatus ?? "—"} {entry.sipResult ?? ""} · {entry.durationSeconds === null ? "not connected" : `${entry.durationSeconds} s`}{entry.costCents !== null ? ` · ${formatCents(entry.costCents)}` : ""}</span>
          </p>
          {entry.summary ? (
            <div className="rounded-md bg-slate-50 p-2">
              <p><span className="font-medium">Summary</span> ({entry.summary.source === "LLM" ? "LLM" : "offline rules"}, confidence {(entry.summary.confidence * 100).toFixed(0)}%): {entry.summary.text}</p>
              {entry.summary.nextBestAction ? <p className="text-slate-600">Next: {entry.summary.nextBestAction}</p> : null}
            </div>
          ) : null}
          {entry.transcript && entry.transcript.length > 0 ? (
            <details>
              <summary className="cursor-pointer text-indigo-800">Transcript ({entry.transcript.length} turns)</summary>
              <ol className="mt-2 space-y-1" aria-label="Transcript">
                {entry.transcript.map((s, i) => (
                  <li key={i} className="grid grid-cols-[6rem_1fr] gap-2">
                    <span className={`font-medium ${s.speaker === "agent" ? "text-indigo-800" : "text-emerald-800"}`}>{s.speaker}</span>
                    <span>{s.text}</span>
                  </li>
                ))}
              </ol>
            </details>
          ) : null}
        </div>
      );
    case "payment":
      return <p>{formatCents(entry.amountCents)} via {entry.provider} <Badge tone={statusTone(entry.status)}>{words(entry.status)}</Badge></p>;
    case "promise":
      return <p>{formatCents(entry.amountCents)} due {entry.dueDate} <Badge tone={statusTone(entry.status)}>{words(entry.status)}</Badge></p>;
    case "dispute":
      return <p>{words(entry.channel)} dispute <Badge tone={statusTone(entry.status)}>{words(entry.status)}</Badge>{entry.reason ? ` · ${entry.reason}` : ""}</p>;
    case "compliance":
      return (
        <div>
          <p><Badge tone={statusTone(entry.decision)}>{entry.decision === "ALLOW" ? "dial allowed" : "dial blocked"}</Badge>{entry.nextAllowedAt ? <span className="ml-2 text-slate-600">next allowed {dateTime(entry.nextAllowedAt)}</span> : null}</p>
          {entry.reasons.length > 0 ? (
            <ul className="mt-1 list-disc pl-5">
              {entry.reasons.map((r, i) => <li key={i}><span className="font-medium">{words(r.code)}</span>{r.rule ? ` (${r.rule})` : ""}{r.detail ? `: ${r.detail}` : ""}</li>)}
            </ul>
          ) : null}
        </div>
      );
    case "audit":
      return <p><span className="font-mono">{entry.action}</span> by {entry.actor}</p>;
  }
}

/** An account's history, newest first, as an ordered list for screen readers. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">Nothing has happened on this account yet. Calls, payments and decisions will appear here.</p>;
  return (
    <ol className="space-y-3" aria-label="Account timeline">
      {entries.map((entry) => (
        <li key={`${entry.kind}-${entry.id}`} className="grid grid-cols-[9rem_1fr] gap-3 border-b border-slate-100 pb-3 text-sm last:border-0" data-kind={entry.kind}>
          <div>
            <div className="font-medium">{LABEL[entry.kind]}</div>
            <time dateTime={entry.at} className="text-xs text-slate-600">{dateTime(entry.at)}</time>
          </div>
          <Body entry={entry} />
        </li>
      ))}
    </ol>
  );
}
