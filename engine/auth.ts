import { randomBytes, randomUUID } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import type pg from "pg";

const ISSUER = "recourse-embedded-engine";
const AUDIENCE = "hatchet";

/**
 * One tenant and one API token per database, created on the first start and kept, so workers
 * configured with the printed token keep working across restarts. The token has the claims the
 * SDK reads (`sub` = tenant, `server_url`, `grpc_broadcast_address`) and is HS256-signed with a
 * secret that never leaves the database.
 */
export async function loadOrCreateTenant(pool: pg.Pool): Promise<{ tenantId: string; secret: Uint8Array }> {
  const { rows } = await pool.query<{ key: string; value: string }>("SELECT key, value FROM hatchet.meta WHERE key IN ('tenant_id', 'signing_secret')");
  const meta = new Map(rows.map((r) => [r.key, r.value]));
  let tenantId = meta.get("tenant_id");
  let secretText = meta.get("signing_secret");
  if (!tenantId || !secretText) {
    tenantId = randomUUID();
    secretText = randomBytes(32).toString("base64url");
    await pool.query("INSERT INTO hatchet.tenants (id, name) VALUES ($1, 'default') ON CONFLICT DO NOTHING", [tenantId]);
    await pool.query("INSERT INTO hatchet.meta (key, value) VALUES ('tenant_id', $1), ('signing_secret', $2) ON CONFLICT (key) DO NOTHING", [tenantId, secretText]);
    // A concurrent first start may have won: read back what is stored.
    return loadOrCreateTenant(pool);
  }
  return { tenantId, secret: Buffer.from(secretText, "base64url") };
}

/** A token for the tenant with the engine's current addresses; any token signed with the secret verifies. */
export async function mintToken(secret: Uint8Array, tenantId: string, addresses: { apiUrl: string; grpcAddress: string }): Promise<string> {
  return new SignJWT({ server_url: addresses.apiUrl, grpc_broadcast_address: addresses.grpcAddress, token_id: tenantId })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(tenantId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime("100y")
    .sign(secret);
}

/** Verifies a bearer token; returns its tenant, or undefined when it is not one of ours. */
export function tokenVerifier(secret: Uint8Array, tenantId: string): (authorization: string | undefined) => Promise<string | undefined> {
  const verified = new Map<string, string>();
  return async (authorization) => {
    const token = authorization?.replace(/^bearer\s+/i, "").trim();
    if (!token) return undefined;
    const cached = verified.get(token);
    if (cached) return cached;
    try {
      const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, audience: AUDIENCE });
      if (payload.sub !== tenantId) return undefined;
      if (verified.size > 1000) verified.clear();
      verified.set(token, tenantId);
      return tenantId;
    } catch {
      return undefined;
    }
  };
}
