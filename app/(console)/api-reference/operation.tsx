import type { ReferenceOperation } from "@/lib/api/reference/api-reference";
import { Badge } from "../../_components/ui";
import { SchemaTable } from "./schema-table";

const json = (value: unknown) => JSON.stringify(value, null, 2);

function curl(op: ReferenceOperation): string {
  const path = op.path.replaceAll(/\{(\w+)\}/g, (_m, name: string) => `<${name}>`);
  const lines = [`curl -X ${op.method} "$RECOURSE_URL${path}"`, `  -H "Authorization: Bearer $RECOURSE_API_KEY"`];
  if (op.requestExample !== null) lines.push(`  -H "Content-Type: application/json"`, `  -H "Idempotency-Key: $(uuidgen)"`, `  -d '${JSON.stringify(op.requestExample)}'`);
  return lines.join(" \\\n");
}

function Code({ label, children }: { label: string; children: string }) {
  return (
    <figure className="mt-2">
      <figcaption className="text-xs font-medium text-slate-600">{label}</figcaption>
      <pre tabIndex={0} className="mt-1 max-h-80 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100 focus:outline-none focus:ring-2 focus:ring-indigo-300"><code>{children}</code></pre>
    </figure>
  );
}

/** One API operation: what it does, who may call it, what it takes and returns, with examples. */
export function Operation({ op }: { op: ReferenceOperation }) {
  const parameters = op.parameters.filter((p) => p.name !== "X-Request-Id" && p.name !== "Idempotency-Key");
  return (
    <section id={op.operationId} aria-labelledby={`${op.operationId}-title`} className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={`operation-${op.operationId}`}>
      <h3 id={`${op.operationId}-title`} className="flex flex-wrap items-center gap-2 text-base font-semibold">
        <Badge tone={op.method === "GET" ? "blue" : "green"}>{op.method}</Badge>
        <code className="font-mono text-sm">{op.path}</code>
      </h3>
      <p className="mt-1 text-sm text-slate-800">{op.summary}</p>
      <p className="mt-1 text-xs text-slate-600">operationId <code className="font-mono">{op.operationId}</code> · needs scope <Badge tone="amber">{op.scope}</Badge>{op.scope !== "admin" ? " (or admin)" : ""}</p>
      {parameters.length > 0 ? (
        <>
          <h4 className="mt-3 text-sm font-semibold">Parameters</h4>
          <ul className="mt-1 space-y-1 text-sm">
            {parameters.map((p) => (
              <li key={`${p.in}-${p.name}`}>
                <code className="font-mono text-xs">{p.name}</code> <span className="text-slate-600">({p.in}, {p.row.type}{p.required ? ", required" : ""})</span>
                {p.row.constraints ? <span className="text-slate-700"> — {p.row.constraints}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {op.body ? (
        <>
          <h4 className="mt-3 text-sm font-semibold">Request body</h4>
          <SchemaTable rows={op.body} caption={`${op.operationId} request body`} />
        </>
      ) : null}
      <Code label="Example request">{curl(op)}</Code>
      <details className="mt-3">
        <summary className="cursor-pointer text-sm font-semibold">Response {op.successStatus}</summary>
        <SchemaTable rows={op.response} caption={`${op.operationId} response ${op.successStatus}`} />
        <Code label="Example response">{json(op.responseExample)}</Code>
      </details>
      <details className="mt-2">
        <summary className="cursor-pointer text-sm font-semibold">Errors (application/problem+json)</summary>
        <ul className="mt-1 text-sm">
          {op.errors.map((e) => <li key={e.status}><span className="font-mono">{e.status}</span> — {e.description}</li>)}
        </ul>
      </details>
    </section>
  );
}
