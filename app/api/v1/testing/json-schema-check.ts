/**
 * A small JSON Schema (2020-12 subset) checker for contract tests: enough for what z.toJSONSchema
 * emits (type, properties, required, additionalProperties, items, enum, const, anyOf/oneOf/allOf,
 * bounds, pattern, format date-time, propertyNames, $ref into components). Returns the problems.
 */
type Schema = Record<string, unknown>;

export function checkSchema(value: unknown, schema: Schema, root: Schema, path = "$"): string[] {
  if (typeof schema.$ref === "string") {
    const target = schema.$ref.replace(/^#\//, "").split("/").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], root);
    if (!target) return [`${path}: unresolved ${schema.$ref}`];
    return checkSchema(value, target as Schema, root, path);
  }
  const problems: string[] = [];
  const fail = (message: string) => problems.push(`${path}: ${message}`);
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((s) => checkSchema(value, s as Schema, root, path).length === 0)) fail("matches no anyOf branch");
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter((s) => checkSchema(value, s as Schema, root, path).length === 0).length !== 1) fail("matches not exactly one oneOf branch");
  if (Array.isArray(schema.allOf)) for (const s of schema.allOf) problems.push(...checkSchema(value, s as Schema, root, path));
  if ("const" in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) fail(`is not ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) fail(`${JSON.stringify(value)} not in enum`);
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length > 0 && !types.some((t) => typeMatches(value, t as string))) return [...problems, `${path}: expected ${types.join("|")}, got ${value === null ? "null" : Array.isArray(value) ? "array" : typeof value}`];
  if (typeof value === "string") {
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) fail(`does not match ${schema.pattern}`);
    if (typeof schema.minLength === "number" && value.length < schema.minLength) fail("too short");
    if (typeof schema.maxLength === "number" && value.length > schema.maxLength) fail("too long");
    if (schema.format === "date-time" && Number.isNaN(Date.parse(value))) fail("not a date-time");
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) fail("below minimum");
    if (typeof schema.maximum === "number" && value > schema.maximum) fail("above maximum");
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) fail("too few items");
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems) fail("too many items");
    if (schema.items && typeof schema.items === "object") value.forEach((item, i) => problems.push(...checkSchema(item, schema.items as Schema, root, `${path}[${i}]`)));
  } else if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in record)) fail(`missing ${key}`);
    for (const [key, item] of Object.entries(record)) {
      if (properties[key]) problems.push(...checkSchema(item, properties[key], root, `${path}.${key}`));
      else if (schema.additionalProperties === false) fail(`unexpected property ${key}`);
      else if (typeof schema.additionalProperties === "object") problems.push(...checkSchema(item, schema.additionalProperties as Schema, root, `${path}.${key}`));
      if (schema.propertyNames && typeof schema.propertyNames === "object") problems.push(...checkSchema(key, schema.propertyNames as Schema, root, `${path}{${key}}`));
    }
  }
  return problems;
}

function typeMatches(value: unknown, type: string): boolean {
  switch (type) {
    case "null": return value === null;
    case "array": return Array.isArray(value);
    case "object": return typeof value === "object" && value !== null && !Array.isArray(value);
    case "integer": return Number.isInteger(value);
    case "number": return typeof value === "number" && Number.isFinite(value);
    default: return typeof value === type;
  }
}
