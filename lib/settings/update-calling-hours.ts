import type { Db } from "../db";
import { transaction } from "../db";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record-audit";
import { CallingWindowSchema, type CallingWindow } from "../contracts/campaign";
import { CALLING_HOURS_KEY, readCallingHours } from "./read-calling-hours";

/**
 * Stores the default calling window of campaigns created without one. Existing campaigns keep the
 * window they were created with. Invalid input throws ZodError and changes nothing; audited with
 * the previous value.
 */
export async function updateCallingHours(db: Db, input: unknown, actor: Actor): Promise<CallingWindow> {
  const window = CallingWindowSchema.parse(input);
  return transaction(db, "update-calling-hours", async (tx) => {
    const previous = await readCallingHours(tx);
    const updatedById = actor.type === "OPERATOR" ? actor.id : null;
    await tx.setting.upsert({ where: { key: CALLING_HOURS_KEY }, create: { key: CALLING_HOURS_KEY, value: window, updatedById }, update: { value: window, updatedById } });
    await recordAudit(tx, actor, "settings.calling_hours.update", { type: "setting", id: CALLING_HOURS_KEY }, { from: previous.window, to: window });
    return window;
  });
}
