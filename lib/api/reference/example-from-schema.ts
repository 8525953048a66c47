/** A JSON Schema (2020-12) node, as z.toJSONSchema writes it into the OpenAPI document. */
export type SchemaNode = {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  examples?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  minItems?: number;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  additionalProperties?: boolean | SchemaNode;
  propertyNames?: SchemaNode;
  description?: string;
  $ref?: string;
};

/** Friendlier samples for common field names than the name itself. */
const NAMED: Record<string, string> = { firstName: "Jordan", lastName: "Lee", name: "CRM production", creditor: "Northwind Bank", provider: "stripe", reason: "Consumer says the debt is not theirs." };

/** Fixed sample values, so the reference page renders the same on every request. */
const SAMPLE_INSTANT = "2026-11-25T15:00:00.000Z";

/** Strings our contracts constrain by pattern, keyed by the pattern's telling start. */
function sampleForPattern(pattern: string, name: string): string | undefined {
  if (pattern.startsWith("^\\+[1-9]")) return "+15555550123";
  if (pattern.startsWith("^([01]\\d|2[0-3])")) return name === "end" ? "20:00" : "09:00";
  if (pattern === "^[A-Z]{2}$") return "NY";
  if (pattern.includes("\\d{4}-") && pattern.includes("T")) return SAMPLE_INSTANT;
  if (pattern.includes("\\d{4}-")) return "2026-12-01";
  if (pattern.startsWith("^[\\x21-\\x7e]")) return `${name === "debtorExternalId" ? "D" : "A"}-10042`;
  return undefined;
}

function sampleString(node: SchemaNode, name: string): string {
  if (node.format === "date-time") return SAMPLE_INSTANT;
  if (node.format === "date") return "2026-12-01";
  if (node.format === "uri" || name === "url") return "https://crm.example.com/hooks/recourse";
  if (node.format === "email" || name === "email") return "jordan.lee@example.com";
  const fromPattern = node.pattern ? sampleForPattern(node.pattern, name) : undefined;
  if (fromPattern) return fromPattern;
  if (/currency/i.test(name)) return "USD";
  if (name in NAMED) return NAMED[name]!;
  if (/id$/i.test(name)) return `${name.replace(/Id$/i, "").toLowerCase() || "id"}_01`;
  return name ? `${name}` : "text";
}

/**
 * A plausible example value for a schema: its own example or default when it has one, else
 * built from its type, enum, format and bounds. Objects get their required properties only
 * (optional ones keep their defaults), so the example is the smallest valid body.
 */
export function exampleFromSchema(node: SchemaNode | undefined, resolve: (ref: string) => SchemaNode | undefined = () => undefined, name = "", depth = 0): unknown {
  if (!node || depth > 12) return null;
  if (node.$ref) return exampleFromSchema(resolve(node.$ref), resolve, name, depth + 1);
  if (node.examples?.length) return node.examples[0];
  if (node.const !== undefined) return node.const;
  if (node.default !== undefined) return node.default;
  if (node.enum?.length) return node.enum[0];
  const variants = node.anyOf ?? node.oneOf;
  if (variants?.length) return exampleFromSchema(variants.find((v) => v.type !== "null") ?? variants[0], resolve, name, depth + 1);
  if (node.allOf?.length) return Object.assign({}, ...node.allOf.map((part) => exampleFromSchema(part, resolve, name, depth + 1)));
  const type = Array.isArray(node.type) ? node.type.find((t) => t !== "null") : node.type;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      const required = node.required ?? [];
      // "Give one of accountId and accountExternalId": with no id required, the first optional one stands in.
      const reference = (k: string) => /^(account|debtor|campaign|enrollment)(External)?Id$/.test(k);
      const oneOf = required.some(reference) ? undefined : Object.keys(node.properties ?? {}).find(reference);
      for (const key of oneOf ? [...required, oneOf] : required) out[key] = exampleFromSchema(node.properties?.[key], resolve, key, depth + 1);
      return out;
    }
    case "array": {
      const item = exampleFromSchema(node.items, resolve, name.replace(/s$/, ""), depth + 1);
      return Array.from({ length: Math.max(1, node.minItems ?? 1) }, () => item);
    }
    case "integer":
    case "number": {
      if (/cents$/i.test(name)) return 12_500;
      const low = node.minimum !== undefined && node.minimum > -1e9 ? node.minimum : 0;
      const high = node.maximum !== undefined && node.maximum < 1e15 ? node.maximum : low + 10;
      return Math.min(Math.max(low, 1), high);
    }
    case "boolean":
      return false;
    case "string":
      return sampleString(node, name);
    case "null":
      return null;
    default:
      return {};
  }
}
