import { isCelError, parse, run } from "@bufbuild/cel";
import { strings } from "@bufbuild/cel/ext";

/** JSON as CEL sees it: objects become maps (numbers stay doubles, as cel-go reads JSON). */
function toCel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCel);
  if (value !== null && typeof value === "object") return new Map(Object.entries(value).map(([key, item]) => [key, toCel(item)]));
  return value;
}

export class CelExpressionError extends Error {}

/** Throws CelExpressionError when the expression does not parse (checked when a workflow is registered). */
export function assertCelParses(expression: string, what: string): void {
  try {
    parse(expression);
  } catch (error) {
    throw new CelExpressionError(`${what}: invalid CEL expression ${JSON.stringify(expression)} (${(error as Error).message})`);
  }
}

/** Evaluates a CEL expression over JSON variables, with the strings extension as cel-go's engine has it. */
export function evaluateCel(expression: string, variables: Record<string, unknown>): unknown {
  const bound = Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, toCel(value)]));
  const result = run(expression, bound as never, { funcs: strings });
  if (isCelError(result)) throw new CelExpressionError(`CEL expression ${JSON.stringify(expression)} failed: ${result.message}`);
  return result;
}

/** A concurrency or idempotency key: the expression must give a string (numbers and booleans are printed). */
export function evaluateCelKey(expression: string, variables: Record<string, unknown>): string {
  const value = evaluateCel(expression, variables);
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  throw new CelExpressionError(`CEL expression ${JSON.stringify(expression)} must give a string key`);
}
