import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { HOUR_MS, dayOfDate, instantOfWall, startOfDay, wallTime, weekdayOfDay } from "./local-time";

describe("local time", () => {
  test("reads the local date and time of an instant, across DST", () => {
    assert.deepEqual(wallTime(new Date("2026-03-08T06:59:59Z"), "America/New_York"), { date: "2026-03-08", day: dayOfDate("2026-03-08"), ms: HOUR_MS + 3_599_000 });
    assert.equal(wallTime(new Date("2026-03-08T07:00:00Z"), "America/New_York").ms, 3 * HOUR_MS); // 01:59:59 EST -> 03:00 EDT
    assert.equal(wallTime(new Date("2026-07-01T03:30:00Z"), "America/Los_Angeles").date, "2026-06-30");
    assert.equal(wallTime(new Date("2026-07-01T03:30:00Z"), "America/Phoenix").ms, 20.5 * HOUR_MS);
  });

  test("maps wall times to instants, DST-correct, gaps to their end, repeats to the first", () => {
    assert.equal(instantOfWall(dayOfDate("2026-03-07"), 8 * HOUR_MS, "America/New_York").toISOString(), "2026-03-07T13:00:00.000Z");
    assert.equal(instantOfWall(dayOfDate("2026-03-08"), 8 * HOUR_MS, "America/New_York").toISOString(), "2026-03-08T12:00:00.000Z");
    assert.equal(instantOfWall(dayOfDate("2026-03-08"), 2.5 * HOUR_MS, "America/New_York").toISOString(), "2026-03-08T07:00:00.000Z");
    assert.equal(instantOfWall(dayOfDate("2026-11-01"), 1.5 * HOUR_MS, "America/New_York").toISOString(), "2026-11-01T05:30:00.000Z");
    assert.equal(instantOfWall(dayOfDate("2026-11-01"), 8 * HOUR_MS, "America/New_York").toISOString(), "2026-11-01T13:00:00.000Z");
    assert.equal(startOfDay(dayOfDate("2026-08-21"), "America/Los_Angeles").toISOString(), "2026-08-21T07:00:00.000Z");
    assert.equal(startOfDay(dayOfDate("2026-08-21"), "Pacific/Honolulu").toISOString(), "2026-08-21T10:00:00.000Z");
  });

  test("weekdays from day numbers", () => {
    assert.equal(weekdayOfDay(dayOfDate("2026-11-25")), 3); // a Wednesday
    assert.equal(weekdayOfDay(dayOfDate("1969-12-28")), 0); // a Sunday, before the epoch
  });
});
