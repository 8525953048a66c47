import type { Db } from "../db";
import type { AuditViolation } from "./audit";

/**
 * The auditor's set-based checks, answered by PostgreSQL alone (window functions and joins), so
 * they share nothing with the gate's TypeScript.
 */
export async function auditWithSql(db: Db): Promise<AuditViolation[]> {
  const violations: AuditViolation[] = [];

  // Two dials about one debt less than a minute apart: a retried step that dialled again.
  const duplicates = await db.$queryRaw<{ id: string; debtor_id: string; account_id: string; gap_ms: number }[]>`
    SELECT id, debtor_id, account_id, gap_ms FROM (
      SELECT a.id, a.debtor_id, d.account_id,
             (EXTRACT(EPOCH FROM a.placed_at - lag(a.placed_at) OVER (PARTITION BY d.account_id ORDER BY a.placed_at, a.id)) * 1000)::float8 AS gap_ms
        FROM call_attempts a JOIN call_attempt_debts d ON d.attempt_id = a.id
       WHERE a.direction = 'OUTBOUND') s
     WHERE gap_ms < 60000 ORDER BY id`;
  for (const row of duplicates) {
    violations.push({ kind: "DUPLICATE_DIAL", rule: "Cmt. 14(b)(2)(i)-2; idempotent dial step", debtorId: row.debtor_id, accountId: row.account_id, attemptId: row.id, detail: `dialled ${Math.round(row.gap_ms / 1000)} s after the previous call about the debt` });
  }

  // Every outbound attempt must have exactly one ALLOW decision written with it.
  const ungated = await db.$queryRaw<{ id: string; debtor_id: string; allows: number }[]>`
    SELECT a.id, a.debtor_id, count(c.id)::int AS allows
      FROM call_attempts a LEFT JOIN compliance_decisions c ON c.attempt_id = a.id AND c.decision = 'ALLOW'
     WHERE a.direction = 'OUTBOUND'
     GROUP BY a.id, a.debtor_id HAVING count(c.id) <> 1 ORDER BY a.id`;
  for (const row of ungated) {
    violations.push({
      kind: row.allows === 0 ? "UNGATED_DIAL" : "DUPLICATE_DIAL",
      rule: "COMPLIANCE.md §1 (dial time)",
      debtorId: row.debtor_id,
      attemptId: row.id,
      detail: row.allows === 0 ? "placed without an ALLOW decision" : `${row.allows} ALLOW decisions for one attempt`,
    });
  }

  const unexplained = await db.$queryRaw<{ id: string; debtor_id: string }[]>`
    SELECT id, debtor_id FROM compliance_decisions
     WHERE decision = 'DENY'
       AND (jsonb_typeof(reasons) <> 'array' OR jsonb_array_length(reasons) = 0
            OR EXISTS (SELECT 1 FROM jsonb_array_elements(reasons) r
                        WHERE coalesce(r->>'code', '') = '' OR coalesce(r->>'rule', '') = '' OR coalesce(r->>'detail', '') = ''))
     ORDER BY id`;
  for (const row of unexplained) {
    violations.push({ kind: "DENIAL_WITHOUT_REASON", rule: "12 CFR 1006.100 (records); COMPLIANCE.md §10", debtorId: row.debtor_id, decisionId: row.id, detail: "a blocked dial without a code, rule and detail" });
  }

  // TCPA: AI-voice calls to a residential line without consent at the time: at most 3 in any
  // 30 days, counting every outbound call to the number (all people and debts).
  const residential = await db.$queryRaw<{ id: string; debtor_id: string; phone_number: string; in_window: number }[]>`
    SELECT w.id, w.debtor_id, w.phone_number, w.in_window FROM (
      SELECT a.id, a.debtor_id, a.phone_number, a.phone_id, a.placed_at,
             count(*) OVER (PARTITION BY a.phone_number ORDER BY a.placed_at
                            RANGE BETWEEN interval '30 days' - interval '1 millisecond' PRECEDING AND CURRENT ROW)::int AS in_window
        FROM call_attempts a WHERE a.direction = 'OUTBOUND') w
      JOIN phones p ON p.id = w.phone_id
     WHERE p.line_type = 'LANDLINE' AND w.in_window > 3
       AND NOT (p.tcpa_consent_at IS NOT NULL AND p.tcpa_consent_at <= w.placed_at
                AND NOT (p.consent_revoked_at IS NOT NULL AND p.consent_revoked_at >= p.tcpa_consent_at AND p.consent_revoked_at <= w.placed_at))
     ORDER BY w.id`;
  for (const row of residential) {
    violations.push({ kind: "TCPA_RESIDENTIAL_LIMIT", rule: "47 CFR 64.1200(a)(3); FCC 22-100", debtorId: row.debtor_id, attemptId: row.id, detail: `call ${row.in_window} to residential line ${row.phone_number} within 30 days without consent` });
  }

  const wireless = await db.$queryRaw<{ id: string; debtor_id: string; line_type: string }[]>`
    SELECT a.id, a.debtor_id, p.line_type::text AS line_type
      FROM call_attempts a JOIN phones p ON p.id = a.phone_id
     WHERE a.direction = 'OUTBOUND' AND p.line_type <> 'LANDLINE'
       AND NOT (p.tcpa_consent_at IS NOT NULL AND p.tcpa_consent_at <= a.placed_at
                AND NOT (p.consent_revoked_at IS NOT NULL AND p.consent_revoked_at >= p.tcpa_consent_at AND p.consent_revoked_at <= a.placed_at))
     ORDER BY a.id`;
  for (const row of wireless) {
    violations.push({ kind: "TCPA_NO_CONSENT", rule: "47 U.S.C. 227(b)(1)(A)(iii); FCC 24-17", debtorId: row.debtor_id, attemptId: row.id, detail: `AI-voice call to a ${row.line_type} number without prior express consent` });
  }
  return violations;
}
