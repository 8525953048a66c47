import { createServer, type Server } from "node:http";
import type { Db } from "../lib/db";
import type { RecourseMetrics } from "../lib/observability/registry";
import { outboxBacklog } from "../lib/outbox/backlog";

/**
 * A worker's HTTP side: `/healthz` (and the older `/health`) for docker-compose and load-balancer
 * checks — 200 while the database answers, 503 otherwise, 503 once draining — and `/metrics` in
 * Prometheus' text format. Nothing here changes state.
 */
export interface WorkerHealthServer {
  readonly server: Server;
  readonly url: string;
  /** Makes /healthz answer 503 from now on (the worker is stopping). */
  markDraining(): void;
  close(): Promise<void>;
}

export async function startWorkerHealthServer(options: { db: Db; metrics: RecourseMetrics; role: string; workflows: number; host: string; port: number }): Promise<WorkerHealthServer> {
  let draining = false;
  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    if (path === "/metrics") {
      void options.metrics.registry
        .metrics()
        .then((body) => response.writeHead(200, { "content-type": options.metrics.registry.contentType, "cache-control": "no-store" }).end(body))
        .catch(() => response.writeHead(503, { "content-type": "text/plain" }).end("metrics unavailable: the database did not answer\n"));
      return;
    }
    if (path !== "/healthz" && path !== "/health") {
      response.writeHead(404).end();
      return;
    }
    const reply = (status: number, body: object) => response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));
    if (draining) return reply(503, { status: "draining", role: options.role });
    void outboxBacklog(options.db)
      .then((backlog) => reply(200, { status: "ok", role: options.role, workflows: options.workflows, outbox: backlog }))
      .catch(() => reply(503, { status: "database unavailable", role: options.role }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const host = options.host === "0.0.0.0" ? "127.0.0.1" : options.host;
  return {
    server,
    url: `http://${host}:${port}`,
    markDraining: () => void (draining = true),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
