import { createDb, type Db } from "@/lib/db";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createApiKey } from "@/lib/api/create-api-key";
import { ENDPOINTS } from "@/lib/api/endpoints";
import type { Endpoint } from "@/lib/api/endpoint";
import { API_SCOPES, type ApiScope } from "@/lib/contracts/api";

type Handler = (req: Request, ctx?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * Integration harness for /api/v1: a fresh migrated database that the route handlers use (through
 * DATABASE_URL, read once by lib/env.ts), one API key per scope, and `call()`, which finds the
 * real route module for a URL path and invokes its exported handler with a real Request.
 */
export interface ApiHarness {
  db: Db;
  database: TestDatabase;
  keys: Record<ApiScope, string>;
  call(method: string, path: string, options?: { key?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

export async function startApiHarness(options: { rateLimitPerMinute?: number } = {}): Promise<ApiHarness> {
  const database = await createTestDatabase({ migrate: true });
  process.env.DATABASE_URL = database.url;
  process.env.LOG_LEVEL ??= "fatal";
  const db = createDb(database.url);
  const keys = {} as Record<ApiScope, string>;
  for (const scope of API_SCOPES) {
    keys[scope] = (await createApiKey(db, { name: `test ${scope}`, scopes: [scope], rateLimitPerMinute: options.rateLimitPerMinute ?? 1_000_000 }, { type: "SYSTEM", id: null })).key;
  }
  return {
    db,
    database,
    keys,
    async call(method, path, { key = keys.admin, body, rawBody, headers = {} } = {}) {
      const url = new URL(path, "http://api.test");
      const { handler, params } = await resolveRoute(method, url.pathname);
      const init: RequestInit = { method, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined || rawBody !== undefined ? { "content-type": "application/json" } : {}), ...headers } };
      if (rawBody !== undefined) init.body = rawBody;
      else if (body !== undefined) init.body = JSON.stringify(body);
      return handler(new Request(url, init), { params: Promise.resolve(params) });
    },
    async close() {
      await db.$disconnect();
      const { db: processDb } = await import("@/lib/db");
      await processDb().$disconnect();
      await database.drop();
    },
  };
}

const routeModules = new Map<string, Promise<Record<string, Handler | undefined>>>();
let routeTable: { template: string; pattern: RegExp; names: string[]; file: string }[] | undefined;

/** The route templates as patterns, built once (the bench calls resolveRoute for every request). */
function routes(): NonNullable<typeof routeTable> {
  if (routeTable) return routeTable;
  const candidates = [...new Set([...ENDPOINTS.map((e) => e.path), "/api/v1/openapi.json", "/api/webhooks/payments"])];
  // Static segments win over parameters, as in Next's router (`/accounts/bulk` before `/accounts/{id}`).
  candidates.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
  return (routeTable = candidates.map((template) => {
    const names: string[] = [];
    const pattern = new RegExp(`^${template.replace(/\{(\w+)\}/g, (_m, name: string) => (names.push(name), "([^/]+)"))}$`);
    return { template, pattern, names, file: `../../../../app${template.replace(/\{(\w+)\}/g, "[$1]")}/route.ts` };
  }));
}

/** Maps `/api/v1/campaigns/c1/launch` to app/api/v1/campaigns/[id]/launch/route.ts and `{ id: "c1" }`. */
export async function resolveRoute(method: string, pathname: string): Promise<{ handler: Handler; params: Record<string, string>; endpoint: Endpoint | undefined }> {
  for (const { template, pattern, names, file } of routes()) {
    const match = pathname.match(pattern);
    if (!match) continue;
    const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)]));
    // Cached: each dynamic import() goes through the loader's resolve hooks, costly per request.
    let loading = routeModules.get(file);
    if (!loading) routeModules.set(file, (loading = import(file) as Promise<Record<string, Handler | undefined>>));
    const mod = await loading;
    const handler = mod[method];
    if (!handler) throw new Error(`${template} has no ${method} handler`);
    return { handler, params, endpoint: ENDPOINTS.find((e) => e.path === template && e.method === method) };
  }
  throw new Error(`no route for ${pathname}`);
}

/** Rows in every table except api_keys: the fuzz test asserts invalid requests add none. */
export async function countRows(db: Db): Promise<Record<string, number>> {
  const tables = await db.$queryRaw<{ table_name: string }[]>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('api_keys', '_prisma_migrations') ORDER BY table_name`;
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const rows = await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table_name}"`);
    counts[table_name] = Number(rows[0]!.n);
  }
  return counts;
}

/** A valid bulk-upsert item; `n` makes it unique. */
export function accountItem(n: number, overrides: Record<string, unknown> = {}) {
  return {
    externalId: `ACC-${n}`,
    debtor: { externalId: `DEB-${n}`, firstName: "Alex", lastName: `Doe${n}`, state: "NY", timeZoneCandidates: ["America/New_York"], phones: [{ number: `+1212555${String(1000 + (n % 9000)).padStart(4, "0")}`, lineType: "CELL" }] },
    creditor: "Acme Bank",
    balanceCents: 125_00,
    originalBalanceCents: 150_00,
    ...overrides,
  };
}
