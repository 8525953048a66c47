import type { ParentOverrideMatchCondition, TaskConditions } from "@hatchet-dev/typescript-sdk/protoc/v1/shared/condition";
import { Action } from "@hatchet-dev/typescript-sdk/protoc/v1/shared/condition";
import { assertCelParses, CelExpressionError, evaluateCel } from "../cel";
import { toWaitConditions, type WaitCondition } from "../durable/conditions";
import { EngineError } from "./errors";
import { DefinitionError } from "./definition-error";

/** A DAG task's conditions as stored with its definition (and copied onto each task row). */
export interface TaskConditionsDef {
  parents: { action: string; orGroupId: string; expression: string; parent: string }[];
  /** Sleeps and user events; sleeps start counting when the parents are done. */
  waits: WaitCondition[];
}

const ACTIONS: Partial<Record<Action, string>> = { [Action.QUEUE]: "QUEUE", [Action.CREATE]: "QUEUE", [Action.CANCEL]: "CANCEL", [Action.SKIP]: "SKIP" };

/** Validates the SDK's `waitFor` / `skipIf` / `cancelIf` of a task; undefined when it has none. */
export function toTaskConditions(taskId: string, conditions: TaskConditions | undefined, parents: string[]): TaskConditionsDef | undefined {
  if (!conditions) return undefined;
  const { parentOverrideConditions: overrides, sleepConditions, userEventConditions } = conditions;
  if (overrides.length + sleepConditions.length + userEventConditions.length === 0) return undefined;
  let waits: WaitCondition[];
  try {
    waits = toWaitConditions(sleepConditions, userEventConditions).map((w) => (w.action === "CREATE" ? { ...w, action: "QUEUE" } : w));
  } catch (error) {
    if (error instanceof EngineError) throw new DefinitionError(`task ${taskId}: ${error.message}`);
    throw error;
  }
  for (const wait of waits) if (wait.kind === "EVENT") wait.since = null; // lookback is for durable waits
  return { parents: overrides.map((o, index) => parentCondition(taskId, o, parents, index)), waits };
}

function parentCondition(taskId: string, o: ParentOverrideMatchCondition, parents: string[], index: number) {
  if (!parents.includes(o.parentReadableId)) throw new DefinitionError(`task ${taskId}: a parent condition names ${o.parentReadableId}, which is not a parent`);
  const expression = o.base?.expression ?? "";
  if (expression) {
    try {
      assertCelParses(expression, `task ${taskId} parent condition`);
    } catch (error) {
      if (error instanceof CelExpressionError) throw new DefinitionError(error.message);
      throw error;
    }
  }
  return { action: ACTIONS[o.base?.action ?? Action.QUEUE] ?? "QUEUE", orGroupId: o.base?.orGroupId || `parent-${index}`, expression, parent: o.parentReadableId };
}

export type ConditionOutcome = { kind: "SKIP" | "CANCEL" | "QUEUE" } | { kind: "WAIT"; waits: WaitCondition[] };

const isSkipped = (output: unknown) => typeof output === "object" && output !== null && (output as { skipped?: unknown }).skipped === true;

/**
 * What happens to a task once all its parents completed (engine source
 * getParentInDAGGroupMatch): parent overrides are CEL over the parent's `output` and the run's
 * `input`; an action fires when each of its or-groups holds (SKIP over CANCEL over QUEUE). Without
 * skip overrides the task is skipped only when every parent was skipped. Sleeps and event waits,
 * when there are any to queue on, start now.
 */
export function resolveTaskConditions(def: TaskConditionsDef | null, parents: { readableId: string; output: unknown }[], input: unknown): ConditionOutcome {
  const outputOf = new Map(parents.map((p) => [p.readableId, p.output]));
  const holds = (c: TaskConditionsDef["parents"][number]) => {
    if (!c.expression) return true;
    try {
      return evaluateCel(c.expression, { output: outputOf.get(c.parent) ?? {}, input: input ?? {} }) === true;
    } catch {
      return false;
    }
  };
  const fires = (action: string) => {
    const conditions = (def?.parents ?? []).filter((c) => c.action === action);
    if (conditions.length === 0) return undefined;
    const groups = new Set(conditions.map((c) => c.orGroupId));
    return [...groups].every((group) => conditions.some((c) => c.orGroupId === group && holds(c)));
  };
  const skip = fires("SKIP");
  if (skip === true || (skip === undefined && parents.length > 0 && parents.every((p) => isSkipped(p.output)))) return { kind: "SKIP" };
  if (fires("CANCEL") === true) return { kind: "CANCEL" };
  // A queue override that does not hold can never hold later (the parent is done): the task is
  // skipped rather than left pending forever.
  if (fires("QUEUE") === false) return { kind: "SKIP" };
  const waits = def?.waits ?? [];
  // Skip and cancel waits can only hold a task back while something else makes it wait.
  if (waits.some((w) => w.action === "QUEUE")) return { kind: "WAIT", waits };
  return { kind: "QUEUE" };
}
