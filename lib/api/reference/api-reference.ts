import { exampleFromSchema, type SchemaNode } from "./example-from-schema";
import { schemaRows, type SchemaRow } from "./schema-rows";

export interface ReferenceParameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  row: SchemaRow;
}

export interface ReferenceOperation {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  scope: string;
  parameters: ReferenceParameter[];
  body: SchemaRow[] | null;
  requestExample: unknown;
  successStatus: string;
  response: SchemaRow[];
  responseExample: unknown;
  /** Error statuses with what they mean for this operation (all RFC 9457 problem+json). */
  errors: { status: string; description: string }[];
}

export interface ReferenceGroup {
  tag: string;
  operations: ReferenceOperation[];
}

type Operation = {
  operationId: string;
  summary?: string;
  tags?: string[];
  "x-required-scope"?: string;
  parameters?: { name: string; in: "path" | "query" | "header"; required?: boolean; schema: SchemaNode }[];
  requestBody?: { content: Record<string, { schema: SchemaNode }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: SchemaNode }> }>;
};
type Document = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, SchemaNode> } };

/**
 * What the console's API reference page shows, read from the OpenAPI document the API serves
 * (lib/api/openapi.ts): operations grouped by tag in document order, each with its parameters,
 * flattened request and response schemas, a minimal valid example of each, and its errors.
 */
export function apiReference(generated: Record<string, unknown>): ReferenceGroup[] {
  // The document is built by buildOpenApiDocument in this process, not read from outside.
  const document = generated as Document;
  const resolve = (ref: string) => document.components?.schemas?.[ref.replace("#/components/schemas/", "")];
  const groups = new Map<string, ReferenceOperation[]>();
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const [successStatus, success] = Object.entries(op.responses).find(([status]) => status.startsWith("2")) ?? ["200", { description: "" }];
      const responseSchema = success.content?.["application/json"]?.schema;
      const bodySchema = op.requestBody?.content["application/json"]?.schema;
      const operation: ReferenceOperation = {
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? "",
        scope: op["x-required-scope"] ?? "",
        parameters: (op.parameters ?? []).map((p) => ({ name: p.name, in: p.in, required: p.required ?? false, row: schemaRows({ type: "object", properties: { [p.name]: p.schema } }, resolve)[0]! })),
        body: bodySchema ? schemaRows(bodySchema, resolve) : null,
        requestExample: bodySchema ? exampleFromSchema(bodySchema, resolve) : null,
        successStatus,
        response: schemaRows(responseSchema, resolve),
        responseExample: exampleFromSchema(responseSchema, resolve),
        errors: Object.entries(op.responses).filter(([status]) => !status.startsWith("2")).map(([status, r]) => ({ status, description: r.description })),
      };
      const tag = op.tags?.[0] ?? "Other";
      groups.set(tag, [...(groups.get(tag) ?? []), operation]);
    }
  }
  return [...groups].map(([tag, operations]) => ({ tag, operations }));
}
