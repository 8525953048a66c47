import type { SessionOptions } from "iron-session";
import { z } from "zod";

/** What the sealed cookie holds: who signed in and when. The role is re-read from the database on each request. */
export const SessionDataSchema = z.object({ operatorId: z.string().min(1), signedInAt: z.iso.datetime() });
export type SessionData = z.infer<typeof SessionDataSchema>;

export const SESSION_COOKIE = "recourse_session";
/** Operators sign in again after 12 hours: a working day. */
export const SESSION_TTL_SECONDS = 12 * 60 * 60;

/**
 * iron-session options: the cookie is sealed (encrypted and signed) with SESSION_SECRET, http-only,
 * SameSite=strict (no cross-site request carries it, the first CSRF defence) and secure on https.
 */
export function sessionOptions(config: { secret: string; appUrl: string | undefined }): SessionOptions {
  return {
    password: config.secret,
    cookieName: SESSION_COOKIE,
    ttl: SESSION_TTL_SECONDS,
    cookieOptions: {
      httpOnly: true,
      sameSite: "strict",
      secure: config.appUrl?.startsWith("https://") ?? false,
      path: "/",
    },
  };
}
