import type { Tx } from "../db";

/**
 * Marks pending promises kept, oldest due first, while the applied payments received since each
 * promise was made cover it. Returns the ids kept. Broken promises are the journey's business.
 */
export async function keepPromises(tx: Tx, accountId: string): Promise<string[]> {
  const pending = await tx.promiseToPay.findMany({ where: { accountId, status: "PENDING" }, orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }] });
  if (pending.length === 0) return [];
  const since = pending.reduce((min, p) => (p.createdAt < min ? p.createdAt : min), pending[0]!.createdAt);
  const paid = await tx.payment.findMany({ where: { accountId, status: "APPLIED", receivedAt: { gte: since } }, select: { amountCents: true, receivedAt: true } });
  // Money already counted toward promises kept earlier is not counted twice.
  const kept = await tx.promiseToPay.aggregate({ where: { accountId, status: "KEPT", resolvedAt: { gte: since } }, _sum: { amountCents: true } });
  let available = paid.reduce((sum, p) => sum + p.amountCents, 0) - (kept._sum.amountCents ?? 0);
  const ids: string[] = [];
  for (const promise of pending) {
    if (available < promise.amountCents) break;
    available -= promise.amountCents;
    ids.push(promise.id);
  }
  if (ids.length > 0) await tx.promiseToPay.updateMany({ where: { id: { in: ids } }, data: { status: "KEPT", resolvedAt: new Date() } });
  return ids;
}
