import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { createDb } from "@/lib/db";

export type FirstAdmin = { created: true; email: string; password: string; file: string } | { created: false; file: string | undefined };

const EMAIL = "admin@recourse.local";

/**
 * On a database with no operator, creates an admin with a random password, shown once in the
 * terminal and kept in the data folder (mode 0600) until someone deletes the file.
 */
export async function ensureFirstAdmin(databaseUrl: string, dataDir: string): Promise<FirstAdmin> {
  const file = join(dataDir, "first-admin.txt");
  const client = createDb(databaseUrl, { max: 1 });
  try {
    if ((await client.operator.count()) > 0) return { created: false, file: existsSync(file) ? file : undefined };
    const password = generatePassword();
    await client.operator.create({ data: { email: EMAIL, name: "Administrator", role: "ADMIN", passwordHash: await hashPassword(password) } });
    writeFileSync(file, `email: ${EMAIL}\npassword: ${password}\n`, { mode: 0o600 });
    return { created: true, email: EMAIL, password, file };
  } finally {
    await client.$disconnect();
  }
}
