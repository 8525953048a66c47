/**
 * The slice of JSON Schema that OpenAI's strict structured outputs accept, enough for a stand-in to
 * judge a request's schema as OpenAI would and to check what its responder produced.
 */

export type JsonSchema = { [key: string]: unknown };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Why OpenAI would refuse this schema with `strict: true`, or undefined: every object must list all
 * its properties as required and set additionalProperties to false.
 */
export function strictSchemaProblem(schema: unknown, path = "(root)"): string | undefined {
  if (!isObject(schema)) return `${path}: a schema must be an object`;
  for (const branch of Array.isArray(schema.anyOf) ? schema.anyOf : []) {
    const problem = strictSchemaProblem(branch, `${path}.anyOf`);
    if (problem) return problem;
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes("object")) {
    if (schema.additionalProperties !== false) return `${path}: 'additionalProperties' is required to be supplied and to be false`;
    const properties = isObject(schema.properties) ? schema.properties : {};
    const required = Array.isArray(schema.required) ? schema.required : [];
    const missing = Object.keys(properties).filter((key) => !required.includes(key));
    if (missing.length > 0) return `${path}: 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing[0]}'`;
    for (const [key, property] of Object.entries(properties)) {
      const problem = strictSchemaProblem(property, `${path}.${key}`);
      if (problem) return problem;
    }
  }
  if (types.includes("array") && schema.items !== undefined) return strictSchemaProblem(schema.items, `${path}.items`);
  return undefined;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** Where a JSON value breaks the schema (type, enum, required, additionalProperties, anyOf, items); empty when it does not. */
export function schemaViolations(value: unknown, schema: unknown, path = "$"): string[] {
  if (!isObject(schema)) return [];
  if (Array.isArray(schema.anyOf)) {
    const fits = schema.anyOf.some((branch) => schemaViolations(value, branch, path).length === 0);
    return fits ? [] : [`${path}: matches no anyOf branch`];
  }
  const out: string[] = [];
  if (schema.type !== undefined) {
    const allowed = Array.isArray(schema.type) ? schema.type : [schema.type];
    const actual = typeOf(value);
    if (!allowed.includes(actual) && !(actual === "integer" && allowed.includes("number"))) return [`${path}: expected ${allowed.join(" or ")}, got ${actual}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) out.push(`${path}: not one of the enum values`);
  if (isObject(value)) {
    const properties = isObject(schema.properties) ? schema.properties : {};
    for (const key of Array.isArray(schema.required) ? schema.required : []) if (typeof key === "string" && !(key in value)) out.push(`${path}.${key}: required`);
    for (const [key, child] of Object.entries(value)) {
      if (key in properties) out.push(...schemaViolations(child, properties[key], `${path}.${key}`));
      else if (schema.additionalProperties === false) out.push(`${path}.${key}: not allowed`);
    }
  }
  if (Array.isArray(value) && schema.items !== undefined) value.forEach((item, i) => out.push(...schemaViolations(item, schema.items, `${path}[${i}]`)));
  return out;
}
