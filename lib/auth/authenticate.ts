import type { Db } from "../db";
import { hashPassword, verifyPassword } from "./password";
import { FailureLimiter } from "./rate-limit";
import { roleFromDb, type Role } from "./roles";

export type AuthenticateResult =
  | { ok: true; operator: { id: string; email: string; name: string; role: Role } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate-limited"; retryAfterMs: number };

/**
 * 10 failures per email address per 15 minutes, whatever the client (a forwarded client address
 * can be forged, so it must not reset the count), and 50 per client address when a proxy tells
 * it (a spray over many addresses); without one every request would share one key and 50 failures
 * would lock everyone out.
 */
const perAccount = new FailureLimiter({ maxFailures: 10, windowMs: 15 * 60_000 });
const perClient = new FailureLimiter({ maxFailures: 50, windowMs: 15 * 60_000 });

// Verified when the address is unknown, so a wrong address costs as much time as a wrong password.
let decoyHash: Promise<string> | undefined;

/**
 * Checks an operator's email and password. Never says which of the two was wrong, refuses
 * disabled operators, records the sign-in (lastLoginAt and an audit entry) and brakes guessing.
 */
export async function authenticate(
  client: Db,
  input: { email: string; password: string; clientKey: string | null },
  limiters: { perAccount: FailureLimiter; perClient: FailureLimiter } = { perAccount, perClient },
): Promise<AuthenticateResult> {
  const email = input.email.trim().toLowerCase();
  const accountKey = email;
  const wait = Math.max(limiters.perAccount.retryAfterMs(accountKey), input.clientKey ? limiters.perClient.retryAfterMs(input.clientKey) : 0);
  if (wait > 0) return { ok: false, reason: "rate-limited", retryAfterMs: wait };

  const operator = await client.operator.findUnique({ where: { email } });
  decoyHash ??= hashPassword("decoy password that matches nothing");
  const valid = await verifyPassword(input.password, operator?.passwordHash ?? (await decoyHash));
  if (!operator || !valid || operator.disabledAt) {
    limiters.perAccount.recordFailure(accountKey);
    if (input.clientKey) limiters.perClient.recordFailure(input.clientKey);
    if (operator) {
      await client.auditLog.create({ data: { actorType: "OPERATOR", actorId: operator.id, action: "operator.sign_in_failed", entityType: "operator", entityId: operator.id, data: { client: input.clientKey } } });
    }
    return { ok: false, reason: "invalid" };
  }
  limiters.perAccount.reset(accountKey);
  await client.$transaction([
    client.operator.update({ where: { id: operator.id }, data: { lastLoginAt: new Date() } }),
    client.auditLog.create({ data: { actorType: "OPERATOR", actorId: operator.id, action: "operator.signed_in", entityType: "operator", entityId: operator.id, data: { client: input.clientKey } } }),
  ]);
  return { ok: true, operator: { id: operator.id, email: operator.email, name: operator.name, role: roleFromDb(operator.role) } };
}
