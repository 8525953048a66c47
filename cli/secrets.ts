import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

const SecretsSchema = z.object({ SESSION_SECRET: z.string().min(32), PAYMENT_WEBHOOK_SECRET: z.string().min(16), LIVEKIT_SIM_API_SECRET: z.string().min(32) });
export type EmbeddedSecrets = z.infer<typeof SecretsSchema>;

/**
 * Secrets the embedded mode needs but nobody configured: generated on the first start and kept in
 * the data folder (mode 0600) so sessions and signatures survive restarts. Never printed.
 */
export function loadOrCreateSecrets(dataDir: string): EmbeddedSecrets {
  const path = join(dataDir, "secrets.json");
  if (existsSync(path)) {
    const parsed = SecretsSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
    if (parsed.success) return parsed.data;
  }
  const secrets: EmbeddedSecrets = {
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    PAYMENT_WEBHOOK_SECRET: randomBytes(24).toString("base64url"),
    LIVEKIT_SIM_API_SECRET: randomBytes(32).toString("base64url"),
  };
  writeFileSync(path, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
