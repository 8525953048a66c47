/**
 * The server under test of `npm run bench:api`, in its own process so the load generator never
 * shares its event loop: the real /api/v1 route handlers behind a plain node:http adapter (no
 * Next server), on DATABASE_URL. Prints `listening <port>` once ready; SIGTERM ends it normally,
 * so a run with BENCH_PROFILE_DIR (node --cpu-prof) writes its profile.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { resolveRoute } from "../../app/api/v1/testing/harness";

const server = createServer((req, res) => void handle(req).then(async (response) => {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}).catch((error: unknown) => {
  res.writeHead(500).end(String(error));
}));

async function handle(req: IncomingMessage): Promise<Response> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const { handler, params } = await resolveRoute(req.method ?? "GET", url.pathname);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
  return handler(new Request(url, { method: req.method ?? "GET", headers, ...(body ? { body } : {}) }), { params: Promise.resolve(params) });
}

await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
console.log(`listening ${(server.address() as AddressInfo).port}`);
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
