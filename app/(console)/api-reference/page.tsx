import { buildOpenApiDocument } from "@/lib/api/openapi";
import { ENDPOINTS } from "@/lib/api/endpoints";
import { apiReference } from "@/lib/api/reference/api-reference";
import { requireRole } from "../../_auth/require-role";
import { Card, PageHeader } from "../../_components/ui";
import { Operation } from "./operation";

export const dynamic = "force-dynamic";

const SCOPES = [
  ["read", "every GET"],
  ["write", "accounts, campaigns and consumer requests (disputes, promises, cease requests)"],
  ["payments", "recording payments"],
  ["admin", "everything above, plus API keys, webhook endpoints and the delivery log"],
] as const;

/** The CRM API reference, rendered on the server from the same OpenAPI document /api/v1/openapi.json serves. */
export default async function ApiReferencePage() {
  await requireRole("viewer");
  const groups = apiReference(buildOpenApiDocument(ENDPOINTS));
  const count = groups.reduce((n, g) => n + g.operations.length, 0);
  return (
    <>
      <PageHeader
        title="API reference"
        description={<>The CRM integration API (<code className="font-mono">/api/v1</code>): {count} operations. Machine-readable: <a href="/api/v1/openapi.json" className="text-indigo-800 underline">OpenAPI 3.1 document</a>.</>}
      />
      <div className="grid gap-6 lg:grid-cols-[16rem_1fr]">
        <nav aria-label="Operations" className="lg:sticky lg:top-4 lg:self-start">
          <ul className="space-y-3 text-sm">
            {groups.map((g) => (
              <li key={g.tag}>
                <a href={`#tag-${g.tag.toLowerCase().replaceAll(" ", "-")}`} className="font-semibold text-slate-900 hover:underline">{g.tag}</a>
                <ul className="mt-1 space-y-0.5">
                  {g.operations.map((op) => <li key={op.operationId}><a href={`#${op.operationId}`} className="text-indigo-800 hover:underline">{op.operationId}</a></li>)}
                </ul>
              </li>
            ))}
          </ul>
        </nav>
        <div className="space-y-8">
          <Card title="Authentication and conventions">
            <ul className="list-disc space-y-1 pl-5 text-sm text-slate-800">
              <li>Send <code className="font-mono">Authorization: Bearer rk_…</code>. Admins create and revoke keys under Settings; a key is shown once.</li>
              <li>Each operation needs one scope; <code className="font-mono">admin</code> holds them all:
                <ul className="list-[circle] pl-5">{SCOPES.map(([scope, what]) => <li key={scope}><code className="font-mono">{scope}</code>: {what}</li>)}</ul>
              </li>
              <li>Errors are RFC 9457 <code className="font-mono">application/problem+json</code> with a <code className="font-mono">code</code> and, for validation, per-field <code className="font-mono">errors</code>.</li>
              <li>Any POST takes an <code className="font-mono">Idempotency-Key</code>: the same key and body return the stored response for 24 hours.</li>
              <li>Lists page with <code className="font-mono">limit</code> (≤ 200) and the opaque <code className="font-mono">nextCursor</code>. Rate limits answer 429 with <code className="font-mono">Retry-After</code>.</li>
            </ul>
          </Card>
          {groups.map((g) => (
            <section key={g.tag} aria-labelledby={`tag-${g.tag.toLowerCase().replaceAll(" ", "-")}`} className="space-y-4">
              <h2 id={`tag-${g.tag.toLowerCase().replaceAll(" ", "-")}`} className="scroll-mt-4 text-xl font-bold">{g.tag}</h2>
              {g.operations.map((op) => <Operation key={op.operationId} op={op} />)}
            </section>
          ))}
        </div>
      </div>
    </>
  );
}
