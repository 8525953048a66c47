import type { Db, Tx } from "../db";
import { CallingWindowSchema, type CallingWindow } from "../contracts/campaign";

/** Settings row key of the default calling window of new campaigns. */
export const CALLING_HOURS_KEY = "calling_hours";

/** The legal window (12 CFR 1006.6(b)(1)(i)) on Monday–Saturday: the default until an admin sets one. */
export const LEGAL_CALLING_HOURS: CallingWindow = CallingWindowSchema.parse({});

export interface CallingHoursSetting {
  window: CallingWindow;
  /** Null while the legal default applies. */
  updatedAt: Date | null;
  updatedById: string | null;
}

/**
 * The calling-hours default new campaigns get when created without a window. A stored value that
 * no longer parses (edited by hand) is not used: the legal window applies and the caller is told.
 */
export async function readCallingHours(client: Db | Tx): Promise<CallingHoursSetting & { invalidStoredValue: boolean }> {
  const row = await client.setting.findUnique({ where: { key: CALLING_HOURS_KEY } });
  if (!row) return { window: LEGAL_CALLING_HOURS, updatedAt: null, updatedById: null, invalidStoredValue: false };
  const parsed = CallingWindowSchema.safeParse(row.value);
  if (!parsed.success) return { window: LEGAL_CALLING_HOURS, updatedAt: row.updatedAt, updatedById: row.updatedById, invalidStoredValue: true };
  return { window: parsed.data, updatedAt: row.updatedAt, updatedById: row.updatedById, invalidStoredValue: false };
}
