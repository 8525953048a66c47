import { Prisma } from "../generated/prisma/client";

/**
 * The fields a presenter reads from one table, by their Prisma names. One list serves both
 * readers: a Prisma `select` for single records, and the column list of a list page read with
 * `readRows`, aliased back to the Prisma names so its rows have Prisma's names and JS types
 * (row-fields.int.test.ts reads every declared set both ways and compares). Columns are the
 * snake_case of the field names, schema.prisma's convention.
 */
export interface RowFields<Row, K extends keyof Row & string> {
  table: string;
  keys: readonly K[];
  select: Record<K, true>;
  /** `"table"."column" AS "field"`, …: identifiers from code only, checked when declared. */
  columns: Prisma.Sql;
  /** Phantom: the row type the columns read. */
  readonly row?: Pick<Row, K>;
}

export type RowOf<F> = F extends RowFields<infer R, infer K> ? Pick<R, K> : never;

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;
const column = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** `"table"."column"` of one declared field, for conditions and ordering. */
export function columnOf<Row, K extends keyof Row & string>(fields: RowFields<Row, K>, key: keyof Row & string): Prisma.Sql {
  const name = column(key);
  if (!IDENTIFIER.test(name)) throw new Error(`columnOf: ${name} is not a plain identifier`);
  return Prisma.raw(`"${fields.table}"."${name}"`);
}

/** `rowFields<Account>()("accounts", "id", "externalId", …)`: the row type fixes the model, the keys are checked against it. */
export function rowFields<Row>() {
  return <K extends keyof Row & string>(table: string, ...keys: K[]): RowFields<Row, K> => {
    for (const name of [table, ...keys.map(column)]) if (!IDENTIFIER.test(name)) throw new Error(`rowFields: ${name} is not a plain identifier`);
    return {
      table,
      keys,
      select: Object.fromEntries(keys.map((k) => [k, true])) as Record<K, true>,
      columns: Prisma.raw(keys.map((k) => `"${table}"."${column(k)}" AS "${k}"`).join(", ")),
    };
  };
}
