/**
 * Wall-clock arithmetic in IANA zones with nothing but Intl (no Temporal, no dependency).
 * A local date is an ISO `YYYY-MM-DD` string or its day number (days since 1970-01-01); a wall
 * time is milliseconds since local midnight. DST is handled by asking Intl for the offset at
 * the instant in question, never by assuming one.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface WallTime {
  /** Local calendar date, `YYYY-MM-DD`. */
  readonly date: string;
  /** Days since 1970-01-01 of `date`, for window arithmetic. */
  readonly day: number;
  /** Milliseconds since local midnight (0 ≤ ms < 86 400 000). */
  readonly ms: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** Whether Intl knows the zone (an unknown zone is no location signal at all). */
export function isValidTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The local date and time of an instant in a zone. */
export function wallTime(instant: Date, zone: string): WallTime {
  const parts = formatterFor(zone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const year = get("year");
  const month = get("month");
  const dayOfMonth = get("day");
  const day = Math.floor(Date.UTC(year, month - 1, dayOfMonth) / DAY_MS);
  const subSecond = ((instant.getTime() % 1000) + 1000) % 1000;
  const ms = (get("hour") * 3600 + get("minute") * 60 + get("second")) * 1000 + subSecond;
  return { date: dateOfDay(day), day, ms };
}

/** `YYYY-MM-DD` of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Day number of a `YYYY-MM-DD` date. */
export function dayOfDate(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Absolute wall position: day × 24 h + time of day, comparable across days in one zone. */
export function wallPosition(wall: WallTime): number {
  return wall.day * DAY_MS + wall.ms;
}

/**
 * The first instant whose wall time in `zone` is at or after `day` + `ms`. Exact for ordinary
 * times; a wall time skipped by a spring-forward gap maps to the instant the gap ends, and a
 * repeated fall-back time to its first occurrence.
 */
export function instantOfWall(day: number, ms: number, zone: string): Date {
  const target = day * DAY_MS + ms;
  const positionAt = (t: number) => wallPosition(wallTime(new Date(t), zone));
  // The zone's offsets a day either side cover any transition near the target.
  const offsets = [positionAt(target - DAY_MS) - (target - DAY_MS), positionAt(target + DAY_MS) - (target + DAY_MS)];
  const exact = offsets.map((offset) => target - offset).filter((t) => positionAt(t) === target);
  if (exact.length > 0) return new Date(Math.min(...exact));
  // In a spring-forward gap: binary search for the first instant past it (monotonic there).
  let lo = target - Math.max(...offsets) - HOUR_MS;
  let hi = target - Math.min(...offsets) + HOUR_MS;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (positionAt(mid) >= target) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** Local midnight starting `day` in `zone`. */
export function startOfDay(day: number, zone: string): Date {
  return instantOfWall(day, 0, zone);
}
