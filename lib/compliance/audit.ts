import type { Db } from "../db";
import { AREA_CODES } from "../seed/area-codes";
import { auditWithSql } from "./audit-queries";
import { STATE_OVERLAYS } from "./overlays";

export type AuditViolationKind =
  | "SEVEN_IN_SEVEN" | "QUIET_PERIOD" | "CALLING_HOURS" | "NO_LOCATION_SIGNAL" | "AFTER_STOP_FLAG" | "DISPUTED_DEBT"
  | "STATE_OVERLAY" | "TCPA_NO_CONSENT" | "TCPA_RESIDENTIAL_LIMIT" | "DUPLICATE_DIAL" | "UNGATED_DIAL" | "DENIAL_WITHOUT_REASON";

export interface AuditViolation {
  readonly kind: AuditViolationKind;
  readonly rule: string;
  readonly debtorId: string;
  readonly accountId?: string;
  readonly attemptId?: string;
  readonly decisionId?: string;
  readonly detail: string;
}

export interface AuditReport {
  readonly attempts: number;
  readonly decisions: number;
  readonly violations: readonly AuditViolation[];
}

interface Call { id: string; debtorId: string; outbound: boolean; at: number; endedAt: number | null; counted: boolean; conversation: boolean; debts: string[]; number: string; phoneSource: string | null }

const DAY = 86_400_000;
const FLAGS = ["ceaseCommunicationAt", "refusedToPayAt", "stopCallingAt", "attorneyRepresentedAt", "bankruptcyAt", "deceasedAt"] as const;

/** Local calendar day number and minutes since midnight, read through the sv-SE locale ("YYYY-MM-DD HH:MM:SS"). */
function local(at: number, zone: string): { day: number; minutes: number } {
  const text = new Date(at).toLocaleString("sv-SE", { timeZone: zone, hour12: false });
  const [date = "", time = ""] = text.split(" ");
  const [h = 0, m = 0, s = 0] = time.split(":").map(Number);
  return { day: Date.parse(`${date}T00:00:00Z`) / DAY, minutes: (h % 24) * 60 + m + s / 60 };
}

/**
 * The independent auditor: reads the ledger only and recomputes the rules from the log with its
 * own algorithms (sliding windows over sorted calls, SQL window functions) and never the gate's
 * code, reporting every violation, duplicate or ungated dial, and denial without a reason. It
 * judges against the legal limits (e.g. more than 7 counted calls in 7 days), which the gate's
 * stricter pre-dial checks must never reach. Phone status and do-not-call carry no date, so
 * they cannot be audited after the fact.
 */
export async function auditLedger(db: Db): Promise<AuditReport> {
  const [debtors, accounts, rows, decisions] = await Promise.all([
    db.debtor.findMany(),
    db.account.findMany({ select: { id: true, disputePendingAt: true, callConsentReceivedAt: true, callConsentEndsAt: true, callConsentRevokedAt: true } }),
    db.callAttempt.findMany({ include: { debts: { select: { accountId: true } }, phone: { select: { source: true } } }, orderBy: [{ placedAt: "asc" }, { id: "asc" }] }),
    db.complianceDecision.count(),
  ]);
  const accountById = new Map(accounts.map((a) => [a.id, a]));
  const consentsByAccount = await consentHistory(db, accounts);
  const calls: Call[] = rows.map((r) => ({ id: r.id, debtorId: r.debtorId, outbound: r.direction === "OUTBOUND", at: r.placedAt.getTime(), endedAt: r.endedAt?.getTime() ?? null, counted: r.counted, conversation: r.conversation, debts: r.debts.map((d) => d.accountId), number: r.phoneNumber, phoneSource: r.phone?.source ?? null }));
  const violations: AuditViolation[] = [];
  const flag = (v: AuditViolation) => violations.push(v);

  for (const debtor of debtors) {
    const mine = calls.filter((c) => c.debtorId === debtor.id);
    const zones = debtor.timeZoneCandidates;
    for (const c of mine.filter((x) => x.outbound)) {
      for (const key of FLAGS) {
        const since = debtor[key];
        if (since && since.getTime() <= c.at) flag({ kind: "AFTER_STOP_FLAG", rule: "12 CFR 1006.6(b)-(c), 1006.14(h)", debtorId: debtor.id, attemptId: c.id, detail: `placed after ${key} ${since.toISOString()}` });
      }
      for (const accountId of c.debts) {
        const pending = accountById.get(accountId)?.disputePendingAt;
        if (pending && pending.getTime() <= c.at) flag({ kind: "DISPUTED_DEBT", rule: "12 CFR 1006.38(d)(2)", debtorId: debtor.id, accountId, attemptId: c.id, detail: "placed while a dispute was pending" });
      }
      if (zones.length === 0) flag({ kind: "NO_LOCATION_SIGNAL", rule: "Cmt. 6(b)(1)(i)-2", debtorId: debtor.id, attemptId: c.id, detail: "placed with no candidate time zone" });
      for (const zone of zones) {
        const start = local(c.at, zone);
        const end = local(c.endedAt ?? c.at, zone);
        if (start.minutes < 480 || end.day !== start.day || end.minutes > 1260) flag({ kind: "CALLING_HOURS", rule: "12 CFR 1006.6(b)(1)(i)", debtorId: debtor.id, attemptId: c.id, detail: `outside 08:00-21:00 in ${zone}` });
      }
    }

    const areaStates = new Set(mine.map((c) => AREA_CODES.find((a) => c.number.startsWith(`+1${a.code}`))?.state).filter((s): s is string => !!s));
    const states = debtor.state ? new Set([debtor.state, ...areaStates]) : null; // null: unknown, every overlay
    const debtIds = [...new Set(mine.flatMap((c) => c.debts))];
    for (const accountId of debtIds) {
      const about = mine.filter((c) => c.debts.includes(accountId));
      for (const zone of zones) {
        const day = (c: Call) => local(c.at, zone).day;
        // Consent windows (Cmt. 14(b)(3)(i)-2): receipt through local day 7, cut by a stated end, a
        // revocation, or the next conversation. The call that became that conversation was placed
        // while the window was open, so it is excused; later calls are not.
        const windows = (consentsByAccount.get(accountId) ?? []).map((w) => ({
          ...w,
          nextTalk: about.find((c) => c.conversation && c.at > w.receivedAt)?.at ?? Infinity,
        }));
        const excused = (c: Call) =>
          windows.some((w) => c.at >= w.receivedAt && c.at < (w.endsAt ?? Infinity) && c.at < (w.revokedAt ?? Infinity) && c.at <= w.nextTalk && day(c) - local(w.receivedAt, zone).day <= 6);

        // 7-in-7 over a sliding window of counted calls: more than 7 in 7 local days is a breach.
        const counted = about.filter((c) => c.outbound && c.counted && !excused(c));
        let first = 0;
        counted.forEach((c, i) => {
          while (day(c) - day(counted[first] as Call) >= 7) first++;
          if (i - first + 1 > 7) flag({ kind: "SEVEN_IN_SEVEN", rule: "12 CFR 1006.14(b)(2)(i)(A)", debtorId: debtor.id, accountId, attemptId: c.id, detail: `${i - first + 1} counted calls in 7 local days (${zone})` });
        });

        // Quiet period: any outbound call within 7 local days of the last conversation (day 1).
        let lastTalk: number | undefined;
        for (const c of about) {
          if (c.outbound && !excused(c) && lastTalk !== undefined && day(c) - lastTalk < 7) flag({ kind: "QUIET_PERIOD", rule: "12 CFR 1006.14(b)(2)(i)(B)", debtorId: debtor.id, accountId, attemptId: c.id, detail: `placed ${day(c) - lastTalk} local days after a conversation (${zone})` });
          if (c.conversation) lastTalk = day(c);
        }

        // State overlays: more than maxCalls connected calls in the window, by the dialled number's use.
        for (const overlay of STATE_OVERLAYS.filter((o) => !states || states.has(o.state))) {
          const connected = about.filter((c) => c.outbound && c.counted);
          connected.forEach((c, i) => {
            if ((/work|employ/i.test(c.phoneSource ?? "") ? "work" : "personal") !== overlay.phoneUsage) return;
            const inWindow = connected.slice(0, i + 1).filter((p) => day(c) - day(p) < overlay.windowDays).length;
            if (inWindow > overlay.maxCalls) flag({ kind: "STATE_OVERLAY", rule: overlay.rule, debtorId: debtor.id, accountId, attemptId: c.id, detail: `${overlay.state}: ${inWindow} connected calls in ${overlay.windowDays} local days (${zone})` });
          });
        }
      }
    }
  }
  violations.push(...(await auditWithSql(db)));
  return { attempts: rows.length, decisions, violations: dedupe(violations) };
}

interface ConsentWindow { receivedAt: number; endsAt: number | null; revokedAt: number | null }

/**
 * Every consent window a debt ever had. The account row holds only the latest, so earlier ones
 * are read back from the decision snapshots, which record the ledger as each dial saw it.
 */
async function consentHistory(db: Db, accounts: { id: string; callConsentReceivedAt: Date | null; callConsentEndsAt: Date | null; callConsentRevokedAt: Date | null }[]): Promise<Map<string, ConsentWindow[]>> {
  const recorded = await db.$queryRaw<{ account_id: string; received_at: string; ends_at: string | null; revoked_at: string | null }[]>`
    SELECT DISTINCT d->>'id' AS account_id, d->'consent'->>'receivedAt' AS received_at, d->'consent'->>'endsAt' AS ends_at, d->'consent'->>'revokedAt' AS revoked_at
      FROM compliance_decisions c CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(c.snapshot->'debts') = 'array' THEN c.snapshot->'debts' ELSE '[]'::jsonb END) d
     WHERE jsonb_typeof(d->'consent') = 'object'`;
  const byAccount = new Map<string, ConsentWindow[]>();
  const add = (accountId: string, w: ConsentWindow) => byAccount.set(accountId, [...(byAccount.get(accountId) ?? []), w]);
  for (const r of recorded) add(r.account_id, { receivedAt: Date.parse(r.received_at), endsAt: r.ends_at ? Date.parse(r.ends_at) : null, revokedAt: r.revoked_at ? Date.parse(r.revoked_at) : null });
  for (const a of accounts) {
    if (a.callConsentReceivedAt) add(a.id, { receivedAt: a.callConsentReceivedAt.getTime(), endsAt: a.callConsentEndsAt?.getTime() ?? null, revokedAt: a.callConsentRevokedAt?.getTime() ?? null });
  }
  return byAccount;
}

/** One report line per (kind, attempt or decision, debt): a breach seen in two zones is one breach. */
function dedupe(violations: AuditViolation[]): AuditViolation[] {
  const seen = new Set<string>();
  return violations.filter((v) => {
    const key = `${v.kind}|${v.attemptId ?? v.decisionId}|${v.accountId ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
