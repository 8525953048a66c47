import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { TaskLanes } from "./task-lanes";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("TaskLanes", () => {
  test("one lane's jobs run in arrival order, one at a time; other lanes run beside them", async () => {
    const lanes = new TaskLanes(8, (error) => assert.fail(String(error)));
    const log: string[] = [];
    let runningA = 0;
    const job = (lane: string, n: number) => async () => {
      if (lane === "a") assert.equal(++runningA, 1, "lane a runs one job at a time");
      log.push(`${lane}${n}:start`);
      await tick();
      log.push(`${lane}${n}:end`);
      if (lane === "a") runningA--;
    };
    for (let n = 1; n <= 3; n++) await lanes.submit("a", job("a", n));
    await lanes.submit("b", job("b", 1));
    await lanes.drained();
    assert.deepEqual(log.filter((l) => l.startsWith("a")), ["a1:start", "a1:end", "a2:start", "a2:end", "a3:start", "a3:end"]);
    // b1 started before a1 ended: lanes do not wait for each other.
    assert.ok(log.indexOf("b1:start") < log.indexOf("a1:end"), log.join(" "));
  });

  test("at most `limit` jobs are admitted; submit waits for room", async () => {
    const lanes = new TaskLanes(2, () => undefined);
    let running = 0;
    let peak = 0;
    const job = async () => {
      peak = Math.max(peak, ++running);
      await tick();
      running--;
    };
    for (let n = 0; n < 6; n++) await lanes.submit(`lane-${n}`, job);
    await lanes.drained();
    assert.equal(peak, 2);
  });

  test("a job that throws is reported and its lane goes on", async () => {
    const errors: unknown[] = [];
    const lanes = new TaskLanes(4, (error) => errors.push(error));
    const ran: number[] = [];
    await lanes.submit("a", async () => {
      throw new Error("boom");
    });
    await lanes.submit("a", async () => {
      ran.push(2);
    });
    await lanes.drained();
    assert.equal(errors.length, 1);
    assert.deepEqual(ran, [2]);
  });
});
