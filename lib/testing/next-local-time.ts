import { HOUR_MS, MINUTE_MS, instantOfWall, wallTime, weekdayOfDay } from "../compliance/local-time";

/**
 * The first instant after `after` that is `weekday` (0 = Sunday … 6 = Saturday) at `time`
 * ("HH:MM") in `zone`. Test harnesses, simulations and benchmarks start their virtual clocks
 * here: a virtual clock only moves forward from the real one, so a fixed start date stops
 * working the day it passes.
 */
export function nextLocalTime(weekday: number, time: string, zone: string, after: Date = new Date()): Date {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match || weekday < 0 || weekday > 6 || !Number.isInteger(weekday)) throw new RangeError(`nextLocalTime: bad weekday ${weekday} or time ${time}`);
  const ms = Number(match[1]) * HOUR_MS + Number(match[2]) * MINUTE_MS;
  const today = wallTime(after, zone).day;
  for (let day = today; day <= today + 8; day++) {
    if (weekdayOfDay(day) !== weekday) continue;
    const instant = instantOfWall(day, ms, zone);
    if (instant.getTime() > after.getTime()) return instant;
  }
  throw new Error("nextLocalTime: no such instant within 8 days"); // unreachable: every weekday recurs within 7
}

