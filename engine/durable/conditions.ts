import type { SleepMatchCondition, UserEventMatchCondition } from "@hatchet-dev/typescript-sdk/protoc/v1/shared/condition";
import { Action } from "@hatchet-dev/typescript-sdk/protoc/v1/shared/condition";
import { createHash } from "node:crypto";
import { assertCelParses, CelExpressionError } from "../cel";
import { parseSpan } from "../clock";
import { EngineError } from "../core/errors";
import { parseGoDuration } from "../duration";

/** One condition as the engine stores it (a row of hatchet.waits). */
export type WaitCondition =
  | { kind: "SLEEP"; action: string; orGroupId: string; readableDataKey: string; expression: string; sleepFor: string; sleepMs: number }
  | {
      kind: "EVENT";
      action: string;
      orGroupId: string;
      readableDataKey: string;
      expression: string;
      eventKey: string;
      scope: string | null;
      /** Lookback: events stored since this moment count as if they arrived now. */
      since: Date | null;
    };

const ACTIONS: Partial<Record<Action, string>> = { [Action.CREATE]: "CREATE", [Action.QUEUE]: "QUEUE", [Action.CANCEL]: "CANCEL", [Action.SKIP]: "SKIP" };

/** Go durations ("2s", "1h30m") as the SDK sends them, and day/week spans ("30d") people write. */
export function parseSleep(text: string): number | undefined {
  return parseGoDuration(text) ?? parseSpan(text);
}

function celChecked(expression: string, what: string): string {
  if (!expression) return "";
  try {
    assertCelParses(expression, what);
  } catch (error) {
    if (error instanceof CelExpressionError) throw new EngineError("INVALID_ARGUMENT", error.message);
    throw error;
  }
  return expression;
}

/** Validates the SDK's sleep and user-event conditions; throws INVALID_ARGUMENT on nonsense. */
export function toWaitConditions(sleeps: SleepMatchCondition[], events: UserEventMatchCondition[]): WaitCondition[] {
  const conditions: WaitCondition[] = [];
  for (const sleep of sleeps) {
    const sleepMs = parseSleep(sleep.sleepFor);
    if (sleepMs === undefined || sleepMs < 0) throw new EngineError("INVALID_ARGUMENT", `invalid sleep duration ${JSON.stringify(sleep.sleepFor)}`);
    conditions.push({
      kind: "SLEEP",
      action: ACTIONS[sleep.base?.action ?? Action.CREATE] ?? "CREATE",
      orGroupId: sleep.base?.orGroupId ?? "",
      readableDataKey: sleep.base?.readableDataKey || `sleep-${sleep.sleepFor}`,
      expression: "",
      sleepFor: sleep.sleepFor,
      sleepMs,
    });
  }
  for (const event of events) {
    if (!event.userEventKey) throw new EngineError("INVALID_ARGUMENT", "a user event condition needs an event key");
    const since = event.considerEventsSince ?? null;
    if (since && Number.isNaN(since.getTime())) throw new EngineError("INVALID_ARGUMENT", "considerEventsSince is not a valid time");
    conditions.push({
      kind: "EVENT",
      action: ACTIONS[event.base?.action ?? Action.CREATE] ?? "CREATE",
      orGroupId: event.base?.orGroupId ?? "",
      readableDataKey: event.base?.readableDataKey || event.userEventKey,
      expression: celChecked(event.base?.expression ?? "", `wait for ${event.userEventKey}`),
      eventKey: event.userEventKey,
      scope: event.eventScope || null,
      since,
    });
  }
  // A condition without a group is a group of its own (AND with the others).
  for (const [index, condition] of conditions.entries()) if (!condition.orGroupId) condition.orGroupId = `solo-${index}`;
  return conditions;
}

/**
 * The entry key a replay is checked against (engine source createIdempotencyKey): the kind plus
 * the conditions sorted and joined by expression, data key, kind, sleep and event key. Group ids
 * and lookback times are left out: the SDK makes new ones on every replay.
 */
export function waitEntryKey(conditions: WaitCondition[]): string {
  const parts = conditions
    .map((c) => [c.expression, c.readableDataKey, c.kind, c.kind === "SLEEP" ? c.sleepFor : "", c.kind === "EVENT" ? c.eventKey : ""].join(":"))
    .sort();
  return sha256(`WAIT_FOR${parts.join("|")}`);
}

/** A child's entry key: the workflow and its input, so a replay spawning something else is caught. */
export function runEntryKey(workflowName: string, input: string): string {
  return sha256(`RUN${input}${workflowName}`);
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
