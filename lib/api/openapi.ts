import { z } from "zod";
import type { Endpoint } from "./endpoint";
import { ERROR_CODES } from "../errors";

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  return rest;
}

const ProblemSchema: JsonSchema = {
  type: "object",
  required: ["type", "title", "status", "detail", "code"],
  properties: {
    type: { type: "string" }, title: { type: "string" }, status: { type: "integer" }, detail: { type: "string" },
    code: { type: "string", enum: Object.keys(ERROR_CODES) }, instance: { type: "string" },
    errors: { type: "array", items: { type: "object", required: ["path", "message"], properties: { path: { type: "string" }, message: { type: "string" } } } },
  },
};

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } });

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the endpoints' own zod schemas
 * (z.toJSONSchema: JSON Schema 2020-12, which OpenAPI 3.1 uses as is).
 */
export function buildOpenApiDocument(endpoints: readonly Endpoint[], serverUrl = "/"): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, JsonSchema> = { Problem: ProblemSchema };
  for (const e of endpoints) {
    const parameters: unknown[] = [];
    for (const [where, schema] of [["path", e.params], ["query", e.query]] as const) {
      if (!schema) continue;
      const json = toSchema(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
      for (const [name, property] of Object.entries(json.properties ?? {})) {
        parameters.push({ name, in: where, required: where === "path" || (json.required ?? []).includes(name), schema: property });
      }
    }
    parameters.push({ name: "X-Request-Id", in: "header", required: false, schema: { type: "string", pattern: "^[\\w.:-]{1,100}$" } });
    if (e.method === "POST") parameters.push({ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 255 } });
    const responseName = `${e.operationId[0]!.toUpperCase()}${e.operationId.slice(1)}Response`;
    schemas[responseName] = toSchema(e.response, "output");
    const body = e.documentedBody ?? e.body;
    paths[e.path] ??= {};
    paths[e.path]![e.method.toLowerCase()] = {
      operationId: e.operationId,
      summary: e.summary,
      tags: [e.tag],
      security: [{ apiKey: [] }],
      "x-required-scope": e.scope,
      parameters,
      ...(body ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(body, "input") } } } } : {}),
      responses: {
        [String(e.successStatus ?? 200)]: { description: "Success", content: { "application/json": { schema: { $ref: `#/components/schemas/${responseName}` } } } },
        "400": problem("Malformed request (e.g. invalid JSON)"),
        "401": problem("Missing, unknown or revoked API key"),
        "403": problem(`The key lacks the \`${e.scope}\` scope`),
        "404": problem("Not found"),
        "409": problem("Conflict with the current state"),
        "413": problem("Body too large"),
        "415": problem("Body is not application/json"),
        "422": problem("Validation failed, or Idempotency-Key reused with another request"),
        "429": { ...problem("Rate limit exceeded"), headers: { "Retry-After": { schema: { type: "integer" } } } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Recourse CRM integration API", version: "1.0.0", description: "Accounts, campaigns, payments and consumer requests. Errors are RFC 9457 problem+json. Every POST accepts an Idempotency-Key header." },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    paths,
    components: { schemas, securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "`Authorization: Bearer rk_…`; scopes read, write, payments, admin (admin holds all)." } } },
  };
}
