import { readRows, type Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { PageQuery } from "../contracts/api";
import { decodeCursor } from "./pagination";
import { columnOf, type RowFields } from "./row-fields";

type Condition = Prisma.Sql | undefined;

/** Computed columns of a page (`… AS "name"`), with the row fields they add. */
export interface Computed<X> {
  sql: Prisma.Sql;
  /** Phantom: the fields these columns add to each row. */
  readonly row?: X;
}

export function computed<X extends object>(sql: Prisma.Sql): Computed<X> {
  return { sql };
}

/** `column = value` when the filter was given; the key is one of the row's fields, the value always a parameter. */
export function equals<Row, K extends keyof Row & string, F extends keyof Row & string>(fields: RowFields<Row, K>, key: F, value: Row[F] | undefined): Condition {
  return value === undefined ? undefined : Prisma.sql`${columnOf(fields, key)} = ${value}`;
}

/** createdFrom (inclusive) / createdTo (exclusive), ISO instants already validated by the query schema. */
export function createdBetween<Row extends { createdAt: Date }, K extends keyof Row & string>(fields: RowFields<Row, K>, query: { createdFrom?: string | undefined; createdTo?: string | undefined }): Condition[] {
  const createdAt = columnOf(fields, "createdAt");
  return [query.createdFrom ? Prisma.sql`${createdAt} >= ${query.createdFrom}::timestamptz` : undefined, query.createdTo ? Prisma.sql`${createdAt} < ${query.createdTo}::timestamptz` : undefined];
}

/**
 * One keyset page (see pagination.ts) of a table's presented fields, with one extra row that
 * tells whether another page follows, read with `readRows`: one statement, values as parameters,
 * ordered by the primary key so the plan walks its index; `extra` adds computed columns, such as
 * an array of related ids.
 */
export async function readPage<Row extends { id: string }, K extends keyof Row & string, X extends object = object>(
  db: Db,
  fields: RowFields<Row, K>,
  query: PageQuery,
  where: Condition[],
  extra?: Computed<X>,
): Promise<(Pick<Row, K> & X)[]> {
  const id = columnOf(fields, "id");
  const conditions = [...where, query.cursor ? Prisma.sql`${id} > ${decodeCursor(query.cursor)}` : undefined].filter((c): c is Prisma.Sql => c !== undefined);
  return readRows<Pick<Row, K> & X>(db, Prisma.sql`
    SELECT ${fields.columns}${extra ? Prisma.sql`, ${extra.sql}` : Prisma.empty}
    FROM ${Prisma.raw(`"${fields.table}"`)}
    ${conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty}
    ORDER BY ${id} LIMIT ${query.limit + 1}`);
}

/** One row by id through the same reader (single-record GETs), or undefined. */
export async function readById<Row extends { id: string }, K extends keyof Row & string, X extends object = object>(db: Db, fields: RowFields<Row, K>, id: string, extra?: Computed<X>): Promise<(Pick<Row, K> & X) | undefined> {
  const [row] = await readPage(db, fields, { limit: 1 }, [Prisma.sql`${columnOf(fields, "id")} = ${id}`], extra);
  return row;
}
