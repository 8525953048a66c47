import assert from "node:assert/strict";
import { test } from "node:test";
import { PeriodSchema, periodRange, startOfUtcDay } from "./period";

const now = new Date("2026-03-10T15:30:00Z");

test("periods are whole UTC days ending with today", () => {
  assert.deepEqual(periodRange("today", now), { from: new Date("2026-03-10T00:00:00Z"), to: new Date("2026-03-11T00:00:00Z"), days: 1 });
  assert.deepEqual(periodRange("7d", now), { from: new Date("2026-03-04T00:00:00Z"), to: new Date("2026-03-11T00:00:00Z"), days: 7 });
  assert.equal(periodRange("90d", now).from.toISOString(), "2025-12-11T00:00:00.000Z");
});

test("an unknown period from the query string falls back to 30 days", () => {
  assert.equal(PeriodSchema.parse("1y"), "30d");
  assert.equal(PeriodSchema.parse(undefined), "30d");
  assert.equal(PeriodSchema.parse("7d"), "7d");
});

test("start of day", () => {
  assert.equal(startOfUtcDay(now).toISOString(), "2026-03-10T00:00:00.000Z");
});
