import { jwtVerify, SignJWT, type JWTPayload } from "jose";
import { createHash } from "node:crypto";
import { TwirpError } from "./twirp";

/** The grants LiveKit reads from an API token (livekit/protocol auth/grants.go). */
export interface Grants extends JWTPayload {
  video?: { roomCreate?: boolean; roomList?: boolean; roomAdmin?: boolean; roomRecord?: boolean; room?: string };
  sip?: { admin?: boolean; call?: boolean };
  sha256?: string;
}

/** Verifies `Authorization: Bearer <jwt>`: HS256 with the API secret, issued by the API key, unexpired. */
export async function verifyApiToken(header: string | undefined, apiKey: string, apiSecret: string): Promise<Grants> {
  const token = header?.startsWith("Bearer ") ? header.slice(7) : undefined;
  if (!token) throw new TwirpError("unauthenticated", "no authorization token");
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(apiSecret), { issuer: apiKey, algorithms: ["HS256"], requiredClaims: ["exp"], clockTolerance: 10 });
    return payload as Grants;
  } catch {
    throw new TwirpError("unauthenticated", "invalid token");
  }
}

/** The permission each RPC needs, as LiveKit's service checks it. */
export type Permission = { kind: "roomCreate" } | { kind: "roomList" } | { kind: "roomAdmin"; room: string } | { kind: "sipCall" };

export function requirePermission(grants: Grants, permission: Permission): void {
  const video = grants.video ?? {};
  const ok =
    permission.kind === "roomCreate"
      ? video.roomCreate === true
      : permission.kind === "roomList"
        ? video.roomList === true
        : permission.kind === "roomAdmin"
          ? video.roomAdmin === true && video.room === permission.room
          : grants.sip?.call === true || grants.sip?.admin === true;
  if (!ok) throw new TwirpError("permission_denied", `permissions denied: needs ${permission.kind}`);
}

/**
 * Signs a webhook as LiveKit's notifier does: a 5-minute token from the API key whose `sha256`
 * claim is the base64 SHA-256 of the exact body (livekit/protocol webhook/resource_url_notifier.go).
 */
export async function signWebhook(body: string, apiKey: string, apiSecret: string): Promise<string> {
  const sha256 = createHash("sha256").update(body).digest("base64");
  return new SignJWT({ sha256 })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(apiKey)
    .setNotBefore(Math.floor(Date.now() / 1000))
    .setExpirationTime("5m")
    .sign(new TextEncoder().encode(apiSecret));
}
