import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { QueueFilterSchema, type QueueKind } from "../contracts/queues";

export interface QueueItem {
  kind: QueueKind;
  /** Enrollment id for an escalation, Dispute id for a dispute. */
  id: string;
  accountId: string;
  accountExternalId: string;
  debtorName: string;
  /** Why a human is needed: the journey's closing reason, or the dispute's channel and reason. */
  reason: string;
  /** When it entered the queue: escalation time, or when the dispute was received. */
  since: Date;
  assignee: { id: string; name: string } | null;
  assignedAt: Date | null;
}

/** Items per kind on one page: a queue longer than this is a staffing problem, not a paging one. */
const LIMIT = 200;

/**
 * The open items of the human work queues, oldest first (a dispute's clock runs from receipt).
 * `viewerId` resolves the "me" assignee filter. Bad filters throw ZodError and read nothing.
 */
export async function listQueue(db: Db, filter: unknown, viewerId: string): Promise<QueueItem[]> {
  const f = QueueFilterSchema.parse(filter);
  const assigneeId = f.assignee === "me" ? viewerId : f.assignee === "unassigned" ? null : f.assignee;
  const byAssignee = f.assignee !== undefined;
  const account: Prisma.AccountWhereInput | undefined = f.search
    ? { OR: [{ externalId: f.search }, { debtor: { externalId: f.search } }, { debtor: { lastName: { startsWith: f.search, mode: "insensitive" } } }] }
    : undefined;
  const debtorSelect = { select: { id: true, externalId: true, debtor: { select: { firstName: true, lastName: true } } } } as const;

  const [escalations, disputes] = await Promise.all([
    f.kind === "dispute"
      ? []
      : db.enrollment.findMany({
          where: { escalatedAt: { not: null }, escalationResolvedAt: null, ...(byAssignee ? { escalationAssigneeId: assigneeId } : {}), ...(account ? { account } : {}) },
          include: { account: debtorSelect, escalationAssignee: { select: { id: true, name: true } } },
          orderBy: [{ escalatedAt: "asc" }, { id: "asc" }],
          take: LIMIT,
        }),
    f.kind === "escalation"
      ? []
      : db.dispute.findMany({
          where: { status: "OPEN", ...(byAssignee ? { assigneeId } : {}), ...(account ? { account } : {}) },
          include: { account: debtorSelect, assignee: { select: { id: true, name: true } } },
          orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
          take: LIMIT,
        }),
  ]);

  const items: QueueItem[] = [
    ...escalations.map((e) => ({
      kind: "escalation" as const,
      id: e.id,
      accountId: e.account.id,
      accountExternalId: e.account.externalId,
      debtorName: `${e.account.debtor.firstName} ${e.account.debtor.lastName}`,
      reason: `${e.journeyStatus.toLowerCase()}: ${e.closedReason ?? "no reason recorded"}`,
      since: e.escalatedAt ?? e.updatedAt,
      assignee: e.escalationAssignee,
      assignedAt: e.escalationAssignedAt,
    })),
    ...disputes.map((d) => ({
      kind: "dispute" as const,
      id: d.id,
      accountId: d.account.id,
      accountExternalId: d.account.externalId,
      debtorName: `${d.account.debtor.firstName} ${d.account.debtor.lastName}`,
      reason: `${d.channel.toLowerCase()} dispute${d.reason ? `: ${d.reason}` : ""}`,
      since: d.receivedAt,
      assignee: d.assignee,
      assignedAt: d.assignedAt,
    })),
  ];
  return items.sort((a, b) => a.since.getTime() - b.since.getTime() || a.id.localeCompare(b.id));
}
