import { getIronSession, type IronSession } from "iron-session";
import { cookies } from "next/headers";
import { sessionOptions, type SessionData } from "@/lib/auth/session";
import { env } from "@/lib/env";

/**
 * The sealed session cookie of this request. SESSION_SECRET comes from the environment; in the
 * embedded profile `npm start` generates it once and keeps it in the data folder (secrets.json).
 */
export async function currentSession(): Promise<IronSession<Partial<SessionData>>> {
  const config = env();
  if (!config.SESSION_SECRET) {
    throw new Error("SESSION_SECRET is not set: start the console with `npm start`, which provides it, or set it (32+ characters).");
  }
  return getIronSession<Partial<SessionData>>(await cookies(), sessionOptions({ secret: config.SESSION_SECRET, appUrl: config.APP_URL }));
}
