import { createHash, randomBytes } from "node:crypto";

/**
 * Keys look like `rk_<8 chars>_<32 chars>`: the `rk_<8 chars>` prefix is stored and shown to tell
 * keys apart; only the SHA-256 of the whole key is kept, so a database leak reveals no key.
 * A fast hash is enough here: 190 random bits cannot be guessed, unlike a password.
 */
export const API_KEY_PATTERN = /^rk_[A-Za-z0-9]{8}_[A-Za-z0-9]{32}$/;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
function randomText(length: number): string {
  // 256 % 62 leaves a bias; rejecting bytes ≥ 248 removes it.
  let out = "";
  while (out.length < length) for (const byte of randomBytes(length * 2)) if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
  return out;
}

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = `rk_${randomText(8)}`;
  const key = `${prefix}_${randomText(32)}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}
