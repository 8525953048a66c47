import { db } from "@/lib/db";
import { requireRole } from "../../_auth/require-role";
import { dateTime, words } from "../../_components/format";
import { Badge, Card, PageHeader, statusTone } from "../../_components/ui";
import { ImportWizard } from "./import-wizard";

export const dynamic = "force-dynamic";

/** Portfolio import from CSV (supervisor+), with the last imports and how they went. */
export default async function ImportPage() {
  await requireRole("supervisor");
  const recent = await db().importJob.findMany({ orderBy: { createdAt: "desc" }, take: 10 });
  return (
    <>
      <PageHeader title="Import" description="Accounts, debtors and phones from a CSV file, checked row by row with the same rules as the CRM API." />
      <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
        <ImportWizard />
        <Card title="Recent imports">
          <ul className="space-y-2 text-sm">
            {recent.map((job) => (
              <li key={job.id}>
                <span className="font-medium">{job.fileName}</span> <Badge tone={statusTone(job.status)}>{words(job.status)}</Badge>
                <div className="text-xs text-slate-600">{job.importedRows} of {job.totalRows} row(s) imported · {dateTime(job.createdAt)}</div>
              </li>
            ))}
            {recent.length === 0 ? <li className="text-slate-600">No import yet.</li> : null}
          </ul>
        </Card>
      </div>
    </>
  );
}
