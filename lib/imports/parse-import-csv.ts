import { parse } from "csv-parse/sync";
import { AppError } from "../errors";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "../contracts/import";

export interface ParsedCsv {
  headers: string[];
  /** Data rows in file order; row i is spreadsheet row i + 2 (the header is row 1). */
  rows: string[][];
}

/**
 * Reads an uploaded portfolio file: UTF-8 CSV with a header row. Refuses, with a message an
 * operator can act on, files that are too big, empty, binary (a spreadsheet saved as .xlsx is the
 * usual one), malformed, or without unique headers. Short or long rows are kept: the row check
 * reports them one by one instead of failing the whole file.
 */
export function parseImportCsv(fileName: string, bytes: Uint8Array): ParsedCsv {
  if (!/\.csv$/i.test(fileName)) throw new AppError("VALIDATION_FAILED", `"${fileName}" is not a .csv file. Save the sheet as CSV (UTF-8) and upload that.`);
  if (bytes.byteLength === 0) throw new AppError("VALIDATION_FAILED", "The file is empty.");
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `The file is ${(bytes.byteLength / 1048576).toFixed(1)} MB; the limit is ${MAX_IMPORT_BYTES / 1048576} MB. Split it into smaller files.`);
  // A NUL byte never occurs in text: this is a binary file (xlsx, zip, image) renamed to .csv.
  if (bytes.includes(0)) throw new AppError("VALIDATION_FAILED", "The file is not text: save the sheet as CSV (UTF-8).");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("VALIDATION_FAILED", "The file is not UTF-8 text: save it as CSV (UTF-8).");
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, max_record_size: 64 * 1024 });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : "unreadable";
    throw new AppError("VALIDATION_FAILED", `The file is not valid CSV: ${reason}`);
  }
  const [headers, ...rows] = records;
  if (!headers || headers.every((h) => h === "")) throw new AppError("VALIDATION_FAILED", "The file is empty.");
  if (rows.length === 0) throw new AppError("VALIDATION_FAILED", "The file has a header row but no data rows.");
  if (rows.length > MAX_IMPORT_ROWS) throw new AppError("PAYLOAD_TOO_LARGE", `The file has ${rows.length} rows; the limit is ${MAX_IMPORT_ROWS}. Split it into smaller files.`);
  const blank = headers.findIndex((h) => h === "");
  if (blank >= 0) throw new AppError("VALIDATION_FAILED", `Column ${blank + 1} has no header: every column needs a name in the first row.`);
  const twice = headers.find((h, i) => headers.indexOf(h) !== i);
  if (twice) throw new AppError("VALIDATION_FAILED", `The header "${twice}" appears twice: column names must be unique.`);
  return { headers, rows };
}
