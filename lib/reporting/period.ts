import { z } from "zod";

export const PERIODS = ["today", "7d", "30d", "90d"] as const;
export const PeriodSchema = z.enum(PERIODS).catch("30d");
export type Period = (typeof PERIODS)[number];

export const PERIOD_LABELS: Record<Period, string> = { today: "Today", "7d": "Last 7 days", "30d": "Last 30 days", "90d": "Last 90 days" };

const DAY = 86_400_000;

/** Start of the UTC day holding `at`. Reporting days are UTC days, so every operator sees the same numbers. */
export function startOfUtcDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY) * DAY);
}

/**
 * The half-open range [from, to) a period covers, in whole UTC days ending with today:
 * "7d" is today and the 6 days before it.
 */
export function periodRange(period: Period, now: Date): { from: Date; to: Date; days: number } {
  const days = period === "today" ? 1 : Number(period.slice(0, -1));
  const to = new Date(startOfUtcDay(now).getTime() + DAY);
  return { from: new Date(to.getTime() - days * DAY), to, days };
}
