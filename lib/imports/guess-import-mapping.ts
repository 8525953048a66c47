import { IMPORT_FIELDS, type ImportField, type ImportMapping } from "../contracts/import";

/** "Account_ID", "accountId" and "account id" all become "account id". */
function normalize(text: string): string {
  return text
    .replace(/\(.*?\)/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * A first guess of the column mapping from the file's headers: a header matches a field by its
 * key, its label or a common alias, case and punctuation aside. Each field is taken once, by the
 * first header that matches it; the operator corrects the rest in the form.
 */
export function guessImportMapping(headers: readonly string[]): ImportMapping {
  const names = IMPORT_FIELDS.map((f) => ({ key: f.key as ImportField, names: new Set([normalize(f.key), normalize(f.label), ...f.aliases.map(normalize)]) }));
  const taken = new Set<ImportField>();
  const mapping: ImportMapping = {};
  for (const header of headers) {
    const wanted = normalize(header);
    const field = names.find((f) => !taken.has(f.key) && f.names.has(wanted));
    mapping[header] = field?.key ?? "";
    if (field) taken.add(field.key);
  }
  return mapping;
}
