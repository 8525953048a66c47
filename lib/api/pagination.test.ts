import assert from "node:assert/strict";
import { test } from "node:test";
import { AppError } from "../errors";
import { decodeCursor, encodeCursor, pageArgs, toPage } from "./pagination";

test("cursors round-trip, forged ones are refused, and one extra row marks a next page", () => {
  assert.equal(decodeCursor(encodeCursor("cabc123")), "cabc123");
  assert.throws(() => decodeCursor("Zm9v"), AppError);
  assert.throws(() => decodeCursor(Buffer.from("v1:' OR 1=1").toString("base64url")), AppError);
  assert.deepEqual(pageArgs({ limit: 2, cursor: encodeCursor("c1") }), { take: 3, orderBy: { id: "asc" }, where: { id: { gt: "c1" } } });
  const rows = [{ id: "a" }, { id: "b" }, { id: "c" }];
  assert.deepEqual(toPage(rows, { limit: 2 }, (r) => r.id), { data: ["a", "b"], nextCursor: encodeCursor("b") });
  assert.deepEqual(toPage(rows, { limit: 3 }, (r) => r.id), { data: ["a", "b", "c"], nextCursor: null });
});
