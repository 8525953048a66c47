import { CronExpressionParser } from "cron-parser";
import { ConcurrencyLimitStrategy, type Concurrency, type CreateTaskOpts, type CreateWorkflowVersionRequest } from "@hatchet-dev/typescript-sdk/protoc/v1/workflows";
import { assertCelParses, CelExpressionError } from "../cel";
import { parseGoDuration } from "../duration";
import { DefinitionError } from "./definition-error";
import { defaultFiltersOf, type DefaultFilter } from "./filters";
import { idempotencyOf, type IdempotencyConfig } from "./idempotency";
import { rateLimitsOf, type TaskRateLimit } from "./rate-limits";
import { toTaskConditions, type TaskConditionsDef } from "./task-conditions";

export { DefinitionError };

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
  /** waitFor / skipIf / cancelIf (absent when the task has none). */
  conditions?: TaskConditionsDef;
  /** Durable task: its waits, memos and children go through the DurableTask event log. */
  durable?: boolean;
  /** Task-level concurrency chain (absent in definitions stored before it was served). */
  concurrency?: ConcurrencyEntry[];
  /** Rate limits the task takes units from before it is assigned (absent in older definitions). */
  rateLimits?: TaskRateLimit[];
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
  /** Workflow-level concurrency chain: limits runs per key. */
  concurrency?: ConcurrencyEntry[];
  /** Input of the runs started by `cronTriggers`. */
  cronInput?: Record<string, unknown>;
  /** A key per run (CEL over input and metadata): a second run with a held key is refused. */
  idempotency?: IdempotencyConfig;
  /** Declarative event filters (`defaultFilters`), written over the workflow's previous ones. */
  defaultFilters?: DefaultFilter[];
  unsupported: string[];
}

export type ConcurrencyStrategy = "GROUP_ROUND_ROBIN" | "CANCEL_IN_PROGRESS" | "CANCEL_NEWEST" | "CANCEL_QUEUED_EXCEPT_NEWEST" | "CANCEL_QUEUED_EXCEPT_OLDEST";

export interface ConcurrencyEntry {
  expression: string;
  maxRuns: number;
  strategy: ConcurrencyStrategy;
}

const STRATEGIES: Partial<Record<ConcurrencyLimitStrategy, ConcurrencyStrategy>> = {
  [ConcurrencyLimitStrategy.GROUP_ROUND_ROBIN]: "GROUP_ROUND_ROBIN",
  [ConcurrencyLimitStrategy.CANCEL_IN_PROGRESS]: "CANCEL_IN_PROGRESS",
  [ConcurrencyLimitStrategy.CANCEL_NEWEST]: "CANCEL_NEWEST",
  [ConcurrencyLimitStrategy.CANCEL_QUEUED_EXCEPT_NEWEST]: "CANCEL_QUEUED_EXCEPT_NEWEST",
  [ConcurrencyLimitStrategy.CANCEL_QUEUED_EXCEPT_OLDEST]: "CANCEL_QUEUED_EXCEPT_OLDEST",
  // Deprecated names of the same behaviours.
  [ConcurrencyLimitStrategy.DROP_NEWEST]: "CANCEL_NEWEST",
  [ConcurrencyLimitStrategy.QUEUE_NEWEST]: "GROUP_ROUND_ROBIN",
};

/** A concurrency chain as Hatchet reads it (default maxRuns 1, strategy CANCEL_IN_PROGRESS); what is not served yet goes to `unsupported`. */
function concurrencyChain(entries: Concurrency[], what: string, unsupported: string[]): ConcurrencyEntry[] {
  return entries.map((entry) => {
    try {
      assertCelParses(entry.expression, `${what} concurrency`);
    } catch (error) {
      if (error instanceof CelExpressionError) throw new DefinitionError(error.message);
      throw error;
    }
    const strategy = STRATEGIES[entry.limitStrategy ?? ConcurrencyLimitStrategy.CANCEL_IN_PROGRESS];
    if (!strategy) unsupported.push(`concurrency strategy ${ConcurrencyLimitStrategy[entry.limitStrategy!] ?? entry.limitStrategy}`);
    if (entry.isTenantScoped) unsupported.push("tenant-scoped concurrency");
    if (entry.maxRunsExpression) unsupported.push("concurrency maxRunsExpression");
    // Keys are computed when the run is created; parent outputs do not exist yet then.
    if (/\bparents\b/.test(entry.expression)) unsupported.push("concurrency keys over parent outputs");
    const maxRuns = entry.maxRuns ?? 1;
    if (!Number.isInteger(maxRuns) || maxRuns < 1) throw new DefinitionError(`${what} concurrency: maxRuns must be a positive integer`);
    return { expression: entry.expression, maxRuns, strategy: strategy ?? "GROUP_ROUND_ROBIN" };
  });
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_SCHEDULE_TIMEOUT_MS = 5 * 60_000;


function taskDefinition(task: CreateTaskOpts): TaskDefinition {
  if (!task.readableId) throw new DefinitionError("every task needs a readableId");
  const timeoutMs = task.timeout ? parseGoDuration(task.timeout) : DEFAULT_TIMEOUT_MS;
  if (timeoutMs === undefined || timeoutMs <= 0) throw new DefinitionError(`task ${task.readableId}: invalid timeout ${JSON.stringify(task.timeout)}`);
  const scheduleTimeoutMs = task.scheduleTimeout ? parseGoDuration(task.scheduleTimeout) : DEFAULT_SCHEDULE_TIMEOUT_MS;
  if (scheduleTimeoutMs === undefined || scheduleTimeoutMs <= 0) throw new DefinitionError(`task ${task.readableId}: invalid scheduleTimeout`);
  if (task.retries < 0) throw new DefinitionError(`task ${task.readableId}: retries must not be negative`);
  const [slotType, slotCost] = Object.entries(task.slotRequests ?? {})[0] ?? ["default", 1];
  const unsupported: string[] = [];
  const conditions = toTaskConditions(task.readableId, task.conditions, task.parents);
  const concurrency = concurrencyChain(task.concurrency, `task ${task.readableId}`, unsupported);
  const rateLimits = guardCel(() => rateLimitsOf(task.rateLimits, `task ${task.readableId}`));
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
    durable: task.isDurable,
    ...(conditions ? { conditions } : {}),
    concurrency,
    ...(rateLimits.length ? { rateLimits } : {}),
    unsupported,
  };
}

/** CEL that does not parse is the caller's mistake: INVALID_ARGUMENT when the workflow is registered. */
function guardCel<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof CelExpressionError) throw new DefinitionError(error.message);
    throw error;
  }
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
  const concurrency = concurrencyChain(request.concurrencyArr.length ? request.concurrencyArr : request.concurrency ? [request.concurrency] : [], "workflow", unsupported);
  let cronInput: Record<string, unknown> = {};
  if (request.cronInput) {
    try {
      cronInput = JSON.parse(request.cronInput) as Record<string, unknown>;
    } catch {
      throw new DefinitionError("cronInput must be JSON");
    }
  }
  for (const expression of request.cronTriggers) {
    try {
      CronExpressionParser.parse(expression, { tz: "UTC" });
    } catch {
      throw new DefinitionError(`invalid cron trigger ${JSON.stringify(expression)}`);
    }
  }
  const idempotency = request.idempotency ? guardCel(() => idempotencyOf(request.idempotency!)) : undefined;
  const defaultFilters = guardCel(() => defaultFiltersOf(request.defaultFilters));
  return {
    name: request.name.toLowerCase(),
    eventTriggers: request.eventTriggers,
    cronTriggers: request.cronTriggers,
    defaultPriority: request.defaultPriority ?? null,
    tasks,
    onFailure: request.onFailureTask ? taskDefinition(request.onFailureTask) : null,
    concurrency,
    cronInput,
    ...(idempotency ? { idempotency } : {}),
    ...(defaultFilters.length ? { defaultFilters } : {}),
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
