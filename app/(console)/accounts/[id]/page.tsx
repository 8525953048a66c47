import Link from "next/link";
import { notFound } from "next/navigation";
import { accountDetails } from "@/lib/accounts/details";
import { accountTimeline } from "@/lib/accounts/timeline";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { TERMINAL_STATUSES } from "@/lib/journey/status";
import { formatCents } from "@/lib/money";
import { requireRole } from "../../../_auth/require-role";
import { date, dateTime, words } from "../../../_components/format";
import { Badge, Card, Notice, PageHeader, statusTone } from "../../../_components/ui";
import { Timeline } from "./timeline";
import { AccountActions } from "./account-actions";
import { RetryJourney } from "./retry-journey";

export const dynamic = "force-dynamic";

export default async function AccountPage({ params }: { params: Promise<{ id: string }> }) {
  const operator = await requireRole("viewer");
  const { id } = await params;
  const client = db();
  const [account, timeline] = await Promise.all([accountDetails(client, id), accountTimeline(client, id)]);
  if (!account) notFound();
  const d = account.debtor;
  // Viewers see no action at all; the actions check the role again on the server.
  const canAct = hasRole(operator.role, "agent");
  const canRetry = hasRole(operator.role, "supervisor");
  const liveJourneys = account.enrollments.filter((e) => !TERMINAL_STATUSES.has(e.journeyStatus)).length;
  return (
    <>
      <PageHeader
        title={`${d.firstName} ${d.lastName} · ${account.externalId}`}
        description={<>{account.creditor}{account.originalCreditor && account.originalCreditor !== account.creditor ? ` (originally ${account.originalCreditor})` : ""} · balance <strong>{formatCents(account.balanceCents)}</strong> of {formatCents(account.originalBalanceCents)}</>}
        actions={<Badge tone={statusTone(account.status)}>{words(account.status)}</Badge>}
      />
      {account.flags.length > 0 ? (
        <div className="mb-4">
          <Notice tone="red">
            <strong>Flags:</strong> {account.flags.join(", ")}. {account.flags.includes("dispute pending") ? "Collection is paused until the debt is verified (12 CFR 1006.38(d)(2))." : ""}
          </Notice>
        </div>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-[22rem_1fr]">
        <div className="space-y-4">
          {canAct ? (
            <Card title="Actions">
              <AccountActions accountId={account.id} status={account.status} disputeOpen={Boolean(account.disputePendingAt)} liveJourneys={liveJourneys} />
            </Card>
          ) : null}
          <Card title="Debtor">
            <dl className="grid grid-cols-[7rem_1fr] gap-y-1 text-sm">
              <dt className="text-slate-600">Reference</dt><dd>{d.externalId}</dd>
              <dt className="text-slate-600">Language</dt><dd>{d.language}</dd>
              <dt className="text-slate-600">Address</dt><dd>{[d.addressLine1, d.city, d.state, d.postalCode].filter(Boolean).join(", ") || "—"}</dd>
              <dt className="text-slate-600">Time zones</dt><dd>{d.timeZoneCandidates.join(", ") || "unknown: not dialled"}</dd>
              <dt className="text-slate-600">Cease</dt><dd>{dateTime(d.ceaseCommunicationAt)}</dd>
              <dt className="text-slate-600">Stop calling</dt><dd>{dateTime(d.stopCallingAt)}</dd>
              <dt className="text-slate-600">Do not call</dt><dd>{d.doNotCall ? "yes" : "no"}</dd>
            </dl>
          </Card>
          <Card title="Phones">
            <ul className="space-y-2 text-sm">
              {d.phones.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center gap-2">
                  <span className="font-mono">{p.number}</span>
                  <Badge>{words(p.lineType)}</Badge>
                  <Badge tone={statusTone(p.status)}>{words(p.status)}</Badge>
                  <Badge tone={p.tcpaConsentAt && !p.consentRevokedAt ? "green" : "amber"}>{p.tcpaConsentAt && !p.consentRevokedAt ? "AI-voice consent" : "no AI-voice consent"}</Badge>
                </li>
              ))}
              {d.phones.length === 0 ? <li className="text-slate-600">No phone on file.</li> : null}
            </ul>
          </Card>
          <Card title="Debt">
            <dl className="grid grid-cols-[9rem_1fr] gap-y-1 text-sm">
              <dt className="text-slate-600">Charge-off</dt><dd>{date(account.chargeOffDate)}</dd>
              <dt className="text-slate-600">Limitations date</dt><dd>{date(account.statuteOfLimitationsDate)}{account.timeBarred ? " (time-barred)" : ""}</dd>
              <dt className="text-slate-600">Validation notice</dt><dd>{dateTime(account.validationNoticeSentAt)}</dd>
              <dt className="text-slate-600">Dispute pending</dt><dd>{dateTime(account.disputePendingAt)}</dd>
            </dl>
          </Card>
          <Card title="Journeys">
            <ul className="space-y-2 text-sm">
              {account.enrollments.map((e) => (
                <li key={e.id}>
                  <Link href={`/campaigns/${e.campaign.id}`} className="text-indigo-800 underline">{e.campaign.name}</Link>{" "}
                  <Badge tone={statusTone(e.journeyStatus)}>{words(e.journeyStatus)}</Badge>
                  <div className="text-xs text-slate-600">
                    {e.attemptsMade} call(s){e.nextActionAt ? ` · next ${dateTime(e.nextActionAt)}` : ""}
                    {e.workflowRunId ? <> · <Link href={`/workflows/${e.workflowRunId}`} className="text-indigo-800 underline">workflow run</Link></> : null}
                  </div>
                  {e.closedReason ? <div className="text-xs text-slate-600">{e.closedReason}</div> : null}
                  {canRetry && e.workflowRunId && !TERMINAL_STATUSES.has(e.journeyStatus) ? <div className="mt-1"><RetryJourney enrollmentId={e.id} campaign={e.campaign.name} /></div> : null}
                </li>
              ))}
              {account.enrollments.length === 0 ? <li className="text-slate-600">Not in any campaign.</li> : null}
            </ul>
          </Card>
          {d.accounts.length > 1 ? (
            <Card title="Other debts of this debtor">
              <ul className="space-y-1 text-sm">
                {d.accounts.filter((a) => a.id !== account.id).map((a) => (
                  <li key={a.id}><Link href={`/accounts/${a.id}`} className="text-indigo-800 underline">{a.externalId}</Link> · {formatCents(a.balanceCents)} · {words(a.status)}</li>
                ))}
              </ul>
            </Card>
          ) : null}
        </div>
        <Card title="Timeline">
          <Timeline entries={timeline} />
        </Card>
      </div>
    </>
  );
}
