"use client";

import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { IMPORT_FIELDS, type ImportMapping, type ImportReport } from "@/lib/contracts/import";
import { checkImportAction, readHeadersAction, startImportAction, type ImportStep } from "./actions";

const FINISHED = new Set(["COMPLETED", "FAILED"]);
const button = "rounded-md px-3 py-1.5 text-sm font-medium focus:outline-none focus:ring-2 focus:ring-indigo-300 disabled:cursor-not-allowed disabled:opacity-50";

function Answer({ step }: { step: ImportStep }) {
  return <p role="status" aria-live="polite" className={`text-sm ${step?.ok === false ? "text-red-800" : "text-emerald-800"}`}>{step?.message ?? ""}</p>;
}

/** The job's state, polled once a second while it imports. */
function useProgress(initial: ImportReport | undefined): ImportReport | undefined {
  const [report, setReport] = useState(initial);
  useEffect(() => {
    setReport(initial);
    if (!initial || FINISHED.has(initial.status)) return;
    let stopped = false;
    const timer = setInterval(async () => {
      const response = await fetch(`/import/${encodeURIComponent(initial.jobId)}/progress`, { cache: "no-store" }).catch(() => null);
      if (!response?.ok || stopped) return;
      const next = (await response.json()) as ImportReport;
      setReport(next);
      if (FINISHED.has(next.status)) clearInterval(timer);
    }, 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [initial]);
  return report;
}

/**
 * Upload → map columns → check every row → import. One form keeps the chosen file, so each step
 * sends it again and the server re-reads it (nothing is kept between steps but the job's report).
 */
export function ImportWizard() {
  const [read, readHeaders, reading] = useActionState<ImportStep, FormData>(readHeadersAction, null);
  const [checked, check, checking] = useActionState<ImportStep, FormData>(checkImportAction, null);
  const [started, start, starting] = useActionState<ImportStep, FormData>(startImportAction, null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const form = useRef<HTMLFormElement>(null);
  // Each step sends the whole form (the file included) by hand: a form action would reset the
  // form afterwards, and the chosen file with it.
  const send = (step: (data: FormData) => void) => () => {
    if (form.current) {
      const data = new FormData(form.current);
      startTransition(() => step(data));
    }
  };
  useEffect(() => setMapping(read?.mapping ?? {}), [read]);
  const progress = useProgress(started?.report);
  const report = checked?.report;
  const busy = reading || checking || starting;
  const importing = progress && !FINISHED.has(progress.status);
  const bad = report ? report.totalRows - report.validRows : 0;

  return (
    <form ref={form} onSubmit={(event) => event.preventDefault()} aria-label="Portfolio import" className="space-y-4">
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="step-file">
        <h2 id="step-file" className="mb-2 text-base font-semibold">1. File</h2>
        <div className="flex flex-wrap items-end gap-3">
          <div className="flex flex-col gap-1 text-sm">
            <label htmlFor="import-file" className="font-medium text-slate-700">CSV file</label>
            <input id="import-file" name="file" type="file" accept=".csv,text/csv" required aria-describedby="import-file-hint" className="text-sm" />
            <span id="import-file-hint" className="text-xs text-slate-500">UTF-8 CSV with a header row, at most 5 MB and 50,000 rows. Amounts in dollars.</span>
          </div>
          <button type="button" onClick={send(readHeaders)} disabled={busy} className={`${button} bg-indigo-700 text-white hover:bg-indigo-800`}>{reading ? "Reading…" : "Read columns"}</button>
        </div>
        <Answer step={read} />
      </section>

      {read?.ok && read.headers ? (
        <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="step-map">
          <h2 id="step-map" className="mb-2 text-base font-semibold">2. Columns</h2>
          <p className="mb-3 text-sm text-slate-600">Choose the field each column fills; required fields are marked *. Guessed from the headers.</p>
          <input type="hidden" name="mapping" value={JSON.stringify(mapping)} />
          <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {read.headers.map((header) => (
              <div key={header} className="flex flex-col gap-1 text-sm">
                <label htmlFor={`map-${header}`} className="font-medium text-slate-700">Column “{header}”</label>
                <select id={`map-${header}`} value={mapping[header] ?? ""} onChange={(e) => setMapping({ ...mapping, [header]: e.target.value as ImportMapping[string] })} className="rounded-md border border-slate-300 bg-white px-2 py-1">
                  <option value="">(ignore)</option>
                  {IMPORT_FIELDS.map((f) => <option key={f.key} value={f.key}>{f.label}{f.required ? " *" : ""}</option>)}
                </select>
              </div>
            ))}
          </div>
          <div className="mt-3">
            <button type="button" onClick={send(check)} disabled={busy} className={`${button} bg-indigo-700 text-white hover:bg-indigo-800`}>{checking ? "Checking…" : "Check rows"}</button>
          </div>
          <Answer step={checked} />
        </section>
      ) : null}

      {report ? (
        <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="step-report">
          <h2 id="step-report" className="mb-2 text-base font-semibold">3. Report</h2>
          <p className="text-sm" data-testid="import-summary">{report.totalRows} row(s): {report.validRows} valid, {bad} with problems.</p>
          {report.errors.length > 0 ? (
            <div className="mt-2 max-h-96 overflow-auto rounded border border-slate-200">
              <table className="w-full text-sm">
                <caption className="sr-only">Problems by row</caption>
                <thead className="sticky top-0 bg-slate-50 text-left text-slate-600"><tr><th className="px-2 py-1 font-medium">Row</th><th className="px-2 py-1 font-medium">Column</th><th className="px-2 py-1 font-medium">Problem</th></tr></thead>
                <tbody>
                  {report.errors.map((e, i) => <tr key={i} className="border-t border-slate-100"><td className="px-2 py-1 tabular-nums">{e.row}</td><td className="px-2 py-1">{e.field}</td><td className="px-2 py-1">{e.reason}</td></tr>)}
                </tbody>
              </table>
            </div>
          ) : null}
          <input type="hidden" name="jobId" value={report.jobId} />
          <input type="hidden" name="validOnly" value={bad > 0 ? "true" : "false"} />
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <button type="button" onClick={send(start)} disabled={busy || Boolean(importing) || report.validRows === 0 || progress?.status === "COMPLETED"} className={`${button} bg-indigo-700 text-white hover:bg-indigo-800`}>
              {starting ? "Starting…" : bad > 0 ? `Import ${report.validRows} valid row(s)` : `Import ${report.validRows} row(s)`}
            </button>
            {bad > 0 ? <span className="text-sm text-slate-600">Or fix the file and check it again.</span> : null}
          </div>
          <Answer step={started} />
          {progress ? (
            <div className="mt-2 space-y-1 text-sm">
              <label htmlFor="import-progress" className="font-medium">Progress</label>
              <progress id="import-progress" max={Math.max(1, progress.validRows)} value={progress.importedRows} className="block w-full" />
              <p data-testid="import-progress-text" aria-live="polite">
                {progress.status === "COMPLETED" ? `Done: ${progress.importedRows} row(s) imported.` : progress.status === "FAILED" ? `The import stopped after ${progress.importedRows} row(s); importing the file again continues without duplicates.` : `${progress.importedRows} of ${progress.validRows} row(s) imported…`}
              </p>
            </div>
          ) : null}
        </section>
      ) : null}
    </form>
  );
}
