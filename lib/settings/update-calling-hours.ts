import type { Db } from "../db";
import { transaction } from "../db";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record-audit";
import { CallingWindowSchema, type CallingWindow } from "../contracts/campaign";
import { CALLING_HOURS_KEY, readCallingHours } from "./read-calling-hours";

/**
 * The default must sit inside the legal window (12 CFR 1006.6(b)(1)(i): 8 a.m.–9 p.m. local), so
 * no campaign is told it may call when the gate will refuse every dial. The API's own campaign
 * windows are not narrowed here: the gate enforces the law on them either way.
 */
const DefaultCallingWindowSchema = CallingWindowSchema.refine((w) => w.start >= "08:00" && w.end <= "21:00", { message: "the default calling window must stay within 08:00–21:00 local time (12 CFR 1006.6(b)(1)(i))" });

/**
 * Stores the default calling window of campaigns created without one. Existing campaigns keep the
 * window they were created with. Invalid input throws ZodError and changes nothing; audited with
 * the previous value.
 */
export async function updateCallingHours(db: Db, input: unknown, actor: Actor): Promise<CallingWindow> {
  const window = DefaultCallingWindowSchema.parse(input);
  return transaction(db, "update-calling-hours", async (tx) => {
    const previous = await readCallingHours(tx);
    const updatedById = actor.type === "OPERATOR" ? actor.id : null;
    await tx.setting.upsert({ where: { key: CALLING_HOURS_KEY }, create: { key: CALLING_HOURS_KEY, value: window, updatedById }, update: { value: window, updatedById } });
    await recordAudit(tx, actor, "settings.calling_hours.update", { type: "setting", id: CALLING_HOURS_KEY }, { from: previous.window, to: window });
    return window;
  });
}
