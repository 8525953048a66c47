import type { Db } from "../db";

export interface WebhookEndpointSummary {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: Date;
  deliveries: { pending: number; delivered: number; failed: number };
}

/** Endpoints with their delivery counts, newest first; never the signing secret. */
export async function listWebhookEndpoints(db: Db): Promise<WebhookEndpointSummary[]> {
  const [endpoints, counts] = await Promise.all([
    db.webhookEndpoint.findMany({ select: { id: true, url: true, events: true, active: true, createdAt: true }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    db.webhookDelivery.groupBy({ by: ["endpointId", "status"], _count: { _all: true } }),
  ]);
  return endpoints.map((e) => {
    const count = (status: "PENDING" | "DELIVERED" | "FAILED") => counts.find((c) => c.endpointId === e.id && c.status === status)?._count._all ?? 0;
    return { ...e, deliveries: { pending: count("PENDING"), delivered: count("DELIVERED"), failed: count("FAILED") } };
  });
}
