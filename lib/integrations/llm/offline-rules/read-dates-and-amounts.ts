import { addDays, dayOfWeek, isCalendarDate, wallTimeToInstant } from "../local-time";

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

const AMOUNT = /\$\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{2}))?|\b(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{2}))? dollars\b/;

/** The first dollar amount in the text, in integer cents ("$1,250.50" -> 125050); digits only, as speech-to-text writes them. */
export function readAmountCents(text: string): number | null {
  const match = AMOUNT.exec(text);
  if (!match) return null;
  const dollars = Number((match[1] ?? match[3] ?? "").replaceAll(",", ""));
  const cents = Number(match[2] ?? match[4] ?? "0");
  return Number.isSafeInteger(dollars) ? dollars * 100 + cents : null;
}

/** The text without its dollar amounts, so "$15" is never read as "the 15th". */
export function withoutAmounts(text: string): string {
  return text.replace(new RegExp(AMOUNT.source, "g"), " ");
}

/** A date said relative to the call's local date (YYYY-MM-DD); null when none is recognised. */
export function readDate(text: string, callDate: string): string | null {
  const iso = /\b(\d{4}-\d{2}-\d{2})\b/.exec(text);
  if (iso?.[1] && isCalendarDate(iso[1])) return iso[1];
  if (/\bday after tomorrow\b/.test(text)) return addDays(callDate, 2);
  if (/\btomorrow\b/.test(text)) return addDays(callDate, 1);
  if (/\btoday\b|\btonight\b/.test(text)) return callDate;
  const inDays = /\bin (\d{1,3}) days\b/.exec(text);
  if (inDays?.[1]) return addDays(callDate, Number(inDays[1]));
  if (/\bnext week\b/.test(text)) return addDays(callDate, 7);
  const monthDay = new RegExp(`\\b(${MONTHS.join("|")}) (\\d{1,2})(?:st|nd|rd|th)?\\b`).exec(text);
  if (monthDay?.[1] && monthDay[2]) return nextMonthDay(callDate, MONTHS.indexOf(monthDay[1]) + 1, Number(monthDay[2]));
  const weekday = new RegExp(`\\b(${WEEKDAYS.join("|")})\\b`).exec(text);
  if (weekday?.[1]) {
    // "Friday" said on a Friday means the next one: a same-day promise is said as "today".
    const ahead = (WEEKDAYS.indexOf(weekday[1]) - dayOfWeek(callDate) + 7) % 7 || 7;
    return addDays(callDate, ahead);
  }
  const ordinal = /\bthe (\d{1,2})(?:st|nd|rd|th)\b/.exec(text);
  if (ordinal?.[1]) return nextDayOfMonth(callDate, Number(ordinal[1]));
  return null;
}

/** A callback time: a date (default the call's day) and a clock time or part of day; null without a time. */
export function readCallbackAt(text: string, callDate: string, callStartedAt: Date, timeZone: string): string | null {
  const withMeridiem = /\b(\d{1,2})(?::(\d{2}))? ?([ap])\.?m\b/.exec(text);
  const bare = /\bat (\d{1,2})(?::(\d{2}))?\b/.exec(text);
  let hour: number | undefined;
  let minute = 0;
  const clock = withMeridiem ?? bare;
  if (clock?.[1]) {
    hour = Number(clock[1]) % 12;
    minute = Number(clock[2] ?? "0");
    // Without am/pm, "at 3" on a call made between 8 am and 9 pm means 3 pm.
    const pm = withMeridiem ? withMeridiem[3] === "p" : hour >= 1 && hour <= 7;
    if (pm) hour += 12;
  } else if (/\bmorning\b/.test(text)) hour = 10;
  else if (/\bafternoon\b/.test(text)) hour = 14;
  else if (/\bevening\b/.test(text)) hour = 18;
  if (hour === undefined || hour > 23 || minute > 59) return null;
  const explicitDate = readDate(text, callDate);
  let at = wallTimeToInstant(explicitDate ?? callDate, hour, minute, timeZone);
  // "Call me at 3" after 3 pm means tomorrow.
  if (!explicitDate && at.getTime() <= callStartedAt.getTime()) at = wallTimeToInstant(addDays(callDate, 1), hour, minute, timeZone);
  return at.toISOString();
}

function nextMonthDay(callDate: string, month: number, day: number): string | null {
  const year = Number(callDate.slice(0, 4));
  for (const y of [year, year + 1]) {
    const date = `${y}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    if (isCalendarDate(date) && date >= callDate) return date;
  }
  return null;
}

function nextDayOfMonth(callDate: string, day: number): string | null {
  const [y, m] = callDate.split("-").map(Number);
  for (let step = 0; step < 3; step++) {
    const month = ((m ?? 1) - 1 + step) % 12;
    const year = (y ?? 1970) + Math.floor(((m ?? 1) - 1 + step) / 12);
    const date = `${year}-${String(month + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    if (isCalendarDate(date) && date >= callDate) return date;
  }
  return null;
}
