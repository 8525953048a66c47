import assert from "node:assert/strict";
import { test } from "node:test";
import { isoString } from "./iso-string";

test("isoString is toISOString: random instants, edges of the fast path, outside it, invalid dates", () => {
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 20_000; i++) {
    const date = new Date(Math.floor((random() - 0.3) * 4e14));
    assert.equal(isoString(date), date.toISOString());
  }
  for (const iso of ["1000-01-01T00:00:00.000Z", "0999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z", "+010000-01-01T00:00:00.000Z", "-000001-01-01T00:00:00.000Z", "2024-02-29T12:00:00.007Z", "1970-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z", "2026-12-02T06:22:30.120Z"]) {
    const date = new Date(iso);
    assert.equal(isoString(date), date.toISOString(), iso);
    assert.equal(isoString(date), iso);
  }
  assert.throws(() => isoString(new Date(Number.NaN)), RangeError);
});
