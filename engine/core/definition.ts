import { CronExpressionParser } from "cron-parser";
import type { CreateTaskOpts, CreateWorkflowVersionRequest } from "@hatchet-dev/typescript-sdk/protoc/v1/workflows";
import { parseGoDuration } from "../duration";

/** What the engine keeps of a registered workflow version (JSON in workflow_versions.definition). */
export interface TaskDefinition {
  readableId: string;
  action: string;
  parents: string[];
  retries: number;
  backoffFactor: number | null;
  backoffMaxSeconds: number | null;
  timeoutMs: number;
  scheduleTimeoutMs: number;
  slotType: string;
  slotCost: number;
  /** Features of engine part 2 (durable tasks, conditions, concurrency, rate limits) the task uses. */
  unsupported: string[];
}

export interface WorkflowDefinition {
  name: string;
  eventTriggers: string[];
  cronTriggers: string[];
  defaultPriority: number | null;
  tasks: TaskDefinition[];
  onFailure: TaskDefinition | null;
  unsupported: string[];
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_SCHEDULE_TIMEOUT_MS = 5 * 60_000;

export class DefinitionError extends Error {}

function taskDefinition(task: CreateTaskOpts): TaskDefinition {
  if (!task.readableId) throw new DefinitionError("every task needs a readableId");
  const timeoutMs = task.timeout ? parseGoDuration(task.timeout) : DEFAULT_TIMEOUT_MS;
  if (timeoutMs === undefined || timeoutMs <= 0) throw new DefinitionError(`task ${task.readableId}: invalid timeout ${JSON.stringify(task.timeout)}`);
  const scheduleTimeoutMs = task.scheduleTimeout ? parseGoDuration(task.scheduleTimeout) : DEFAULT_SCHEDULE_TIMEOUT_MS;
  if (scheduleTimeoutMs === undefined || scheduleTimeoutMs <= 0) throw new DefinitionError(`task ${task.readableId}: invalid scheduleTimeout`);
  if (task.retries < 0) throw new DefinitionError(`task ${task.readableId}: retries must not be negative`);
  const [slotType, slotCost] = Object.entries(task.slotRequests ?? {})[0] ?? ["default", 1];
  const unsupported: string[] = [];
  if (task.isDurable) unsupported.push("durable tasks");
  const conditions = task.conditions;
  if (conditions && (conditions.sleepConditions.length || conditions.userEventConditions.length || conditions.parentOverrideConditions.length)) {
    unsupported.push("task conditions");
  }
  if (task.concurrency.length) unsupported.push("task concurrency");
  if (task.rateLimits.length) unsupported.push("rate limits");
  if (task.batch) unsupported.push("batch tasks");
  // Running such a task on any worker would break the placement it asks for.
  if (Object.keys(task.workerLabels ?? {}).length) unsupported.push("worker affinity labels");
  return {
    readableId: task.readableId,
    action: task.action.toLowerCase(),
    parents: task.parents,
    retries: task.retries,
    backoffFactor: task.backoffFactor ?? null,
    backoffMaxSeconds: task.backoffMaxSeconds ?? null,
    timeoutMs,
    scheduleTimeoutMs,
    slotType,
    slotCost: Math.max(1, slotCost),
    unsupported,
  };
}

/** Validates a PutWorkflow request into a stored definition; throws DefinitionError on nonsense. */
export function toDefinition(request: CreateWorkflowVersionRequest): WorkflowDefinition {
  if (!request.name) throw new DefinitionError("workflow name is required");
  if (request.tasks.length === 0) throw new DefinitionError("a workflow needs at least one task");
  const tasks = request.tasks.map(taskDefinition);
  const ids = new Set(tasks.map((t) => t.readableId));
  if (ids.size !== tasks.length) throw new DefinitionError("task readableIds must be unique");
  for (const task of tasks) {
    for (const parent of task.parents) if (!ids.has(parent)) throw new DefinitionError(`task ${task.readableId}: unknown parent ${parent}`);
  }
  assertAcyclic(tasks);
  const unsupported: string[] = [];
  if (request.concurrencyArr.length || request.concurrency) unsupported.push("workflow concurrency");
  for (const expression of request.cronTriggers) {
    try {
      CronExpressionParser.parse(expression, { tz: "UTC" });
    } catch {
      throw new DefinitionError(`invalid cron trigger ${JSON.stringify(expression)}`);
    }
  }
  if (request.idempotency) unsupported.push("idempotency keys");
  return {
    name: request.name.toLowerCase(),
    eventTriggers: request.eventTriggers,
    cronTriggers: request.cronTriggers,
    defaultPriority: request.defaultPriority ?? null,
    tasks,
    onFailure: request.onFailureTask ? taskDefinition(request.onFailureTask) : null,
    unsupported,
  };
}

function assertAcyclic(tasks: TaskDefinition[]): void {
  const parents = new Map(tasks.map((t) => [t.readableId, t.parents]));
  const state = new Map<string, "visiting" | "done">();
  const visit = (id: string) => {
    if (state.get(id) === "done") return;
    if (state.get(id) === "visiting") throw new DefinitionError(`task ${id} is part of a cycle`);
    state.set(id, "visiting");
    for (const parent of parents.get(id) ?? []) visit(parent);
    state.set(id, "done");
  };
  for (const task of tasks) visit(task.readableId);
}
