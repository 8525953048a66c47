import { IdSchema } from "@/lib/contracts/api";
import { db } from "@/lib/db";
import { toProblem } from "@/lib/errors";
import { importReport } from "@/lib/imports/import-report";
import { guardRoute } from "../../../../_auth/route-guard";

export const dynamic = "force-dynamic";

/** An import's status and counts, polled by the import page while it runs (viewer+). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const instance = "/import/progress";
  const operator = await guardRoute("viewer", instance);
  if (operator instanceof Response) return operator;
  try {
    const id = IdSchema.parse((await params).id);
    return Response.json(await importReport(db(), id), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    const problem = toProblem(error, instance);
    return Response.json(problem, { status: problem.status, headers: { "content-type": "application/problem+json" } });
  }
}
