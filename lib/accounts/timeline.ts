import { z } from "zod";
import type { Db } from "../db";

const SegmentSchema = z.object({ speaker: z.string(), text: z.string(), startMs: z.number().optional(), endMs: z.number().optional() });
const ReasonSchema = z.object({ code: z.string(), rule: z.string().optional(), detail: z.string().optional() });

export type TranscriptSegment = z.infer<typeof SegmentSchema>;
export type DecisionReason = z.infer<typeof ReasonSchema>;

/** One entry of an account's history; `at` is an ISO instant, entries are newest first. */
export type TimelineEntry =
  | {
      kind: "call";
      at: string;
      id: string;
      direction: "OUTBOUND" | "INBOUND";
      phoneNumber: string;
      sipStatus: number | null;
      sipResult: string | null;
      durationSeconds: number | null;
      outcome: string | null;
      costCents: number | null;
      transcript: TranscriptSegment[] | null;
      summary: { text: string; outcome: string; confidence: number; source: string; nextBestAction: string | null } | null;
    }
  | { kind: "payment"; at: string; id: string; amountCents: number; status: string; provider: string }
  | { kind: "promise"; at: string; id: string; amountCents: number; dueDate: string; status: string }
  | { kind: "dispute"; at: string; id: string; channel: string; status: string; reason: string | null }
  | { kind: "compliance"; at: string; id: string; decision: "ALLOW" | "DENY"; reasons: DecisionReason[]; nextAllowedAt: string | null }
  | { kind: "audit"; at: string; id: string; action: string; actor: string; data: unknown };

/** Unknown JSON from a ledger column, parsed leniently: a malformed row shows as empty, never breaks the page. */
function parseList<T>(schema: z.ZodType<T>, value: unknown): T[] {
  const parsed = z.array(schema).safeParse(value);
  return parsed.success ? parsed.data : [];
}

/**
 * Everything that happened to an account, merged newest first: the calls about it (with SIP
 * result, duration, outcome, transcript and summary), payments, promises, disputes, the
 * compliance gate's decisions for its debtor, and audit entries on the account or its debtor.
 */
export async function accountTimeline(client: Db, accountId: string, options: { limit?: number } = {}): Promise<TimelineEntry[]> {
  const account = await client.account.findUnique({ where: { id: accountId }, select: { id: true, debtorId: true } });
  if (!account) return [];
  const limit = options.limit ?? 500;
  const [calls, payments, promises, disputes, decisions, audits] = await Promise.all([
    client.callAttempt.findMany({
      where: { OR: [{ debts: { some: { accountId } } }, { enrollment: { accountId } }] },
      include: { transcript: true, summary: true },
      orderBy: { placedAt: "desc" },
      take: limit,
    }),
    client.payment.findMany({ where: { accountId }, orderBy: { receivedAt: "desc" }, take: limit }),
    client.promiseToPay.findMany({ where: { accountId }, orderBy: { createdAt: "desc" }, take: limit }),
    client.dispute.findMany({ where: { accountId }, orderBy: { receivedAt: "desc" }, take: limit }),
    client.complianceDecision.findMany({
      where: { debtorId: account.debtorId, OR: [{ accountIds: { has: accountId } }, { accountIds: { isEmpty: true } }] },
      orderBy: { evaluatedAt: "desc" },
      take: limit,
    }),
    client.auditLog.findMany({
      where: { OR: [{ entityType: "account", entityId: accountId }, { entityType: "debtor", entityId: account.debtorId }] },
      orderBy: { createdAt: "desc" },
      take: limit,
    }),
  ]);
  const entries: TimelineEntry[] = [
    ...calls.map((c): TimelineEntry => ({
      kind: "call",
      at: c.placedAt.toISOString(),
      id: c.id,
      direction: c.direction,
      phoneNumber: c.phoneNumber,
      sipStatus: c.sipStatus,
      sipResult: c.sipResult,
      durationSeconds: c.answeredAt && c.endedAt ? Math.round((c.endedAt.getTime() - c.answeredAt.getTime()) / 1000) : null,
      outcome: c.outcome,
      costCents: c.costCents,
      transcript: c.transcript ? parseList(SegmentSchema, c.transcript.segments) : null,
      summary: c.summary
        ? { text: c.summary.summary, outcome: c.summary.outcome, confidence: c.summary.confidence, source: c.summary.source, nextBestAction: c.summary.nextBestAction }
        : null,
    })),
    ...payments.map((p): TimelineEntry => ({ kind: "payment", at: p.receivedAt.toISOString(), id: p.id, amountCents: p.amountCents, status: p.status, provider: p.provider })),
    ...promises.map((p): TimelineEntry => ({ kind: "promise", at: p.createdAt.toISOString(), id: p.id, amountCents: p.amountCents, dueDate: p.dueDate.toISOString().slice(0, 10), status: p.status })),
    ...disputes.map((d): TimelineEntry => ({ kind: "dispute", at: d.receivedAt.toISOString(), id: d.id, channel: d.channel, status: d.status, reason: d.reason })),
    ...decisions.map((d): TimelineEntry => ({
      kind: "compliance",
      at: d.evaluatedAt.toISOString(),
      id: d.id,
      decision: d.decision,
      reasons: parseList(ReasonSchema, d.reasons),
      nextAllowedAt: d.nextAllowedAt?.toISOString() ?? null,
    })),
    ...audits.map((a): TimelineEntry => ({ kind: "audit", at: a.createdAt.toISOString(), id: String(a.id), action: a.action, actor: a.actorId ? `${a.actorType.toLowerCase()}:${a.actorId}` : a.actorType.toLowerCase(), data: a.data })),
  ];
  // ISO strings of one format sort like the instants; the kind breaks ties so the order is stable.
  return entries.sort((a, b) => (a.at === b.at ? a.kind.localeCompare(b.kind) : a.at < b.at ? 1 : -1)).slice(0, limit);
}
