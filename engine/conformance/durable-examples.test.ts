/**
 * The SDK's smaller durable examples with the checks of their upstream e2e suites:
 * durable_sleep, durable_event (plain, CEL-filtered, scoped lookback) and welcome_email (an
 * event-triggered durable task waiting on Or(sleep, scoped event with lookback)).
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type * as DurableEvent from "@hatchet-dev/typescript-sdk/v1/examples/durable_event/workflow";
import type * as DurableSleep from "@hatchet-dev/typescript-sdk/v1/examples/durable_sleep/workflow";
import type * as Client from "@hatchet-dev/typescript-sdk/v1/examples/hatchet-client";
import type * as WelcomeEmail from "@hatchet-dev/typescript-sdk/v1/examples/welcome_email/workflow";
import { startEngineFixture, type EngineFixture } from "./fixture";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("embedded engine: durable_sleep, durable_event and welcome_email examples", { timeout: 120_000 }, () => {
  let fixture: EngineFixture;
  let worker: { stop(): Promise<void> };
  let hatchet: typeof Client.hatchet;
  let sleepEx: typeof DurableSleep;
  let eventEx: typeof DurableEvent;
  let welcome: typeof WelcomeEmail;

  before(async () => {
    fixture = await startEngineFixture();
    hatchet = (await import("@hatchet-dev/typescript-sdk/v1/examples/hatchet-client")).hatchet;
    sleepEx = await import("@hatchet-dev/typescript-sdk/v1/examples/durable_sleep/workflow");
    eventEx = await import("@hatchet-dev/typescript-sdk/v1/examples/durable_event/workflow");
    welcome = await import("@hatchet-dev/typescript-sdk/v1/examples/welcome_email/workflow");
    const harness = await import("@hatchet-dev/typescript-sdk/v1/examples/__e2e__/harness");
    worker = await harness.startWorker({
      client: hatchet,
      name: "conformance-durable-examples",
      workflows: [sleepEx.durableSleep, eventEx.durableEvent, eventEx.durableEventWithFilter, eventEx.durableEventWithLookback, welcome.welcomeEmail],
      slots: 10,
    });
  });

  after(async () => {
    await worker?.stop();
    await fixture?.stop();
  });

  /** Pushes the event every 200 ms until the run ends, as the upstream suite does. */
  async function pushUntilDone<T>(output: Promise<T>, push: () => Promise<unknown>): Promise<T> {
    let finished = false;
    const result = output.finally(() => (finished = true));
    await sleep(1000);
    for (let i = 0; i < 100 && !finished; i++) {
      await push();
      await sleep(200);
    }
    return result;
  }

  test("durable_sleep: sleeps 5 s and completes", async () => {
    const started = Date.now();
    const result = (await sleepEx.durableSleep.run({})) as Record<string, { Value: string }>;
    assert.equal(result["durable-sleep"]!.Value, "done");
    assert.ok(Date.now() - started >= 4_000);
  });

  test("durable_event: waits for a user event, with and without a CEL filter", async () => {
    const plain = await eventEx.durableEvent.runNoWait({});
    assert.equal((await pushUntilDone(plain.output, () => hatchet.events.push(eventEx.EVENT_KEY, { userId: "1234" }))).Value, "done");
    const filtered = await eventEx.durableEventWithFilter.runNoWait({});
    await sleep(500);
    await hatchet.events.push(eventEx.EVENT_KEY, { userId: "9999" }); // fails the filter
    await sleep(500);
    const details = await hatchet.runs.get(await filtered.getWorkflowRunId());
    assert.equal(details.run.status, "RUNNING", "an event failing the expression does not resume the wait");
    assert.equal((await pushUntilDone(filtered.output, () => hatchet.events.push(eventEx.EVENT_KEY, { userId: "1234" }))).Value, "done");
  });

  test("durable_event: a scoped event pushed before the task is received through lookback", async () => {
    await hatchet.events.push(eventEx.EVENT_KEY, { userId: "1234" }, { scope: eventEx.SCOPE });
    const result = await eventEx.durableEventWithLookback.run({});
    assert.equal(result.Value, "done");
  });

  test("welcome_email: the onboarding event skips the follow-up; without it the timeout sends one", async () => {
    const early = `test-${randomUUID().slice(0, 8)}`;
    const ref = await welcome.welcomeEmail.runNoWait({ email: "alice@example.com", user_id: early });
    await hatchet.events.push(welcome.ONBOARDING_EVENT_KEY, { status: "done" }, { scope: early });
    assert.deepEqual(await ref.output, { userId: early, welcomeSent: true, followUpSent: false });

    const late = `test-${randomUUID().slice(0, 8)}`;
    assert.deepEqual(await welcome.welcomeEmail.run({ email: "bob@example.com", user_id: late }), { userId: late, welcomeSent: true, followUpSent: true });
  });
});
