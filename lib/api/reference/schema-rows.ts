import type { SchemaNode } from "./example-from-schema";

/** One field of a request or response body, flattened for a table: `strategy.cadence.hoursBetweenAttempts`. */
export interface SchemaRow {
  path: string;
  depth: number;
  type: string;
  required: boolean;
  /** Bounds, pattern, enum values and default, in words. */
  constraints: string;
  description: string;
}

function typeOf(node: SchemaNode, resolve: (ref: string) => SchemaNode | undefined): string {
  if (node.$ref) return typeOf(resolve(node.$ref) ?? {}, resolve);
  if (node.enum) return "enum";
  const variants = node.anyOf ?? node.oneOf;
  if (variants) return variants.map((v) => typeOf(v, resolve)).join(" | ");
  const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : ["any"];
  return types.map((t) => (t === "array" && node.items ? `${typeOf(node.items, resolve)}[]` : t)).join(" | ");
}

function constraintsOf(node: SchemaNode): string {
  const parts: string[] = [];
  if (node.enum) parts.push(`one of ${node.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  if (node.minimum !== undefined && node.minimum > -1e15) parts.push(`≥ ${node.minimum}`);
  if (node.maximum !== undefined && node.maximum < 1e15) parts.push(`≤ ${node.maximum}`);
  if (node.minLength !== undefined) parts.push(`length ≥ ${node.minLength}`);
  if ((node as { maxLength?: number }).maxLength !== undefined) parts.push(`length ≤ ${(node as { maxLength?: number }).maxLength}`);
  if (node.minItems !== undefined) parts.push(`≥ ${node.minItems} items`);
  if ((node as { maxItems?: number }).maxItems !== undefined) parts.push(`≤ ${(node as { maxItems?: number }).maxItems} items`);
  if (node.format) parts.push(node.format);
  else if (node.pattern && node.pattern.length <= 40) parts.push(`pattern ${node.pattern}`);
  if (node.propertyNames?.enum) parts.push(`keys: ${node.propertyNames.enum.join(", ")}`);
  if (node.default !== undefined) parts.push(`default ${JSON.stringify(node.default)}`);
  return parts.join("; ");
}

/** Walks an object schema depth-first into rows (objects inside arrays as `items[].field`). */
export function schemaRows(root: SchemaNode | undefined, resolve: (ref: string) => SchemaNode | undefined, prefix = "", depth = 0): SchemaRow[] {
  const node = root?.$ref ? resolve(root.$ref) : root;
  if (!node || depth > 8) return [];
  const rows: SchemaRow[] = [];
  for (const [name, raw] of Object.entries(node.properties ?? {})) {
    const child = raw.$ref ? (resolve(raw.$ref) ?? raw) : raw;
    const path = prefix ? `${prefix}.${name}` : name;
    rows.push({ path, depth, type: typeOf(child, resolve), required: (node.required ?? []).includes(name), constraints: constraintsOf(child), description: child.description ?? "" });
    const nested = child.type === "array" || (Array.isArray(child.type) && child.type.includes("array")) ? child.items : child;
    if (nested?.properties) rows.push(...schemaRows(nested, resolve, child === nested ? path : `${path}[]`, depth + 1));
  }
  return rows;
}
