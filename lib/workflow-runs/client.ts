import { HatchetClient } from "@hatchet-dev/typescript-sdk";
import type { Env } from "../env";

export type Hatchet = HatchetClient;

let cached: { key: string; client: Hatchet } | undefined;

/**
 * An SDK client for the engine's REST API, configured from lib/env.ts (the SDK would otherwise read
 * process.env itself). The console uses it only to read runs and to replay or cancel them.
 * Null when no engine is configured (a console started without `npm start`).
 */
export function hatchetClient(config: Pick<Env, "HATCHET_CLIENT_TOKEN" | "HATCHET_CLIENT_HOST_PORT" | "HATCHET_CLIENT_API_URL" | "HATCHET_CLIENT_TLS_STRATEGY" | "HATCHET_CLIENT_NAMESPACE">): Hatchet | null {
  if (!config.HATCHET_CLIENT_TOKEN) return null;
  const key = [config.HATCHET_CLIENT_TOKEN, config.HATCHET_CLIENT_HOST_PORT, config.HATCHET_CLIENT_API_URL, config.HATCHET_CLIENT_NAMESPACE].join("|");
  if (cached?.key !== key) {
    const client = HatchetClient.init({
      token: config.HATCHET_CLIENT_TOKEN,
      ...(config.HATCHET_CLIENT_HOST_PORT ? { host_port: config.HATCHET_CLIENT_HOST_PORT } : {}),
      ...(config.HATCHET_CLIENT_API_URL ? { api_url: config.HATCHET_CLIENT_API_URL } : {}),
      ...(config.HATCHET_CLIENT_NAMESPACE ? { namespace: config.HATCHET_CLIENT_NAMESPACE } : {}),
      tls_config: { tls_strategy: config.HATCHET_CLIENT_TLS_STRATEGY ?? "tls" },
      log_level: "ERROR",
    });
    cached = { key, client };
  }
  return cached.client;
}
