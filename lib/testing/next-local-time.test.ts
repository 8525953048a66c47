import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { nextLocalTime } from "./next-local-time";

describe("nextLocalTime", () => {
  test("the next Tuesday 15:00 in New York after a moment, in EST and EDT", () => {
    assert.equal(nextLocalTime(2, "15:00", "America/New_York", new Date("2026-12-02T06:00:00Z")).toISOString(), "2026-12-08T20:00:00.000Z");
    assert.equal(nextLocalTime(2, "15:00", "America/New_York", new Date("2027-06-01T18:59:59Z")).toISOString(), "2027-06-01T19:00:00.000Z");
    // At or past the moment itself: a week later.
    assert.equal(nextLocalTime(2, "15:00", "America/New_York", new Date("2027-06-01T19:00:00Z")).toISOString(), "2027-06-08T19:00:00.000Z");
  });

  test("the local weekday counts, not UTC's", () => {
    // Monday 22:00 in Los Angeles is Tuesday 06:00 UTC: the next Monday 08:00 there is a week away.
    assert.equal(nextLocalTime(1, "08:00", "America/Los_Angeles", new Date("2026-12-08T06:00:00Z")).toISOString(), "2026-12-14T16:00:00.000Z");
  });

  test("refuses a malformed time or weekday", () => {
    assert.throws(() => nextLocalTime(7, "15:00", "America/New_York"), RangeError);
    assert.throws(() => nextLocalTime(1, "3pm", "America/New_York"), RangeError);
  });
});
