import type { SchemaRow } from "@/lib/api/reference/schema-rows";

/** A body schema as a table; nesting shows as indentation of the dotted field path. */
export function SchemaTable({ rows, caption }: { rows: SchemaRow[]; caption: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No fields.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-left text-slate-600">
          <tr><th scope="col" className="py-1 pr-3 font-medium">Field</th><th scope="col" className="py-1 pr-3 font-medium">Type</th><th scope="col" className="py-1 pr-3 font-medium">Required</th><th scope="col" className="py-1 font-medium">Constraints and notes</th></tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.path} className="border-t border-slate-100 align-top">
              <th scope="row" className="py-1 pr-3 text-left font-mono text-xs font-normal" style={{ paddingLeft: `${row.depth * 1}rem` }}>{row.path}</th>
              <td className="py-1 pr-3 font-mono text-xs">{row.type}</td>
              <td className="py-1 pr-3">{row.required ? "yes" : "no"}</td>
              <td className="py-1 text-slate-700">{[row.constraints, row.description].filter(Boolean).join(" — ") || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
