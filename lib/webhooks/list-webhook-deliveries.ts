import { z } from "zod";
import type { Db } from "../db";

export const DeliveryLogFilterSchema = z.strictObject({
  status: z.enum(["PENDING", "DELIVERED", "FAILED"]).optional(),
  endpointId: z.string().min(1).max(64).optional(),
});

export interface DeliveryLogEntry {
  id: string;
  endpointId: string;
  endpointUrl: string;
  eventType: string;
  status: "PENDING" | "DELIVERED" | "FAILED";
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

/** Rows on the console's delivery log: enough to see what is failing; the API pages further. */
const LIMIT = 100;

/** The outbound delivery log, newest first, with each endpoint's URL. Bad filters throw ZodError. */
export async function listWebhookDeliveries(db: Db, filter: unknown): Promise<DeliveryLogEntry[]> {
  const f = DeliveryLogFilterSchema.parse(filter);
  const rows = await db.webhookDelivery.findMany({
    where: { ...(f.status ? { status: f.status } : {}), ...(f.endpointId ? { endpointId: f.endpointId } : {}) },
    include: { endpoint: { select: { url: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LIMIT,
  });
  return rows.map(({ endpoint, payload: _payload, idempotencyKey: _key, ...row }) => ({ ...row, endpointUrl: endpoint.url }));
}
