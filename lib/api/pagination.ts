import { AppError } from "../errors";
import type { PageQuery } from "../contracts/api";

/**
 * Keyset pagination on the id (cuids grow with creation time): a page never skips or repeats a
 * row when rows are added meanwhile, unlike offsets. The cursor is opaque to clients.
 */
export function encodeCursor(id: string): string {
  return Buffer.from(`v1:${id}`).toString("base64url");
}

export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const id = text.startsWith("v1:") ? text.slice(3) : "";
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new AppError("VALIDATION_FAILED", "The cursor is not one this API issued.", { errors: [{ path: "cursor", message: "invalid cursor" }] });
  return id;
}

/** Prisma arguments for one page (the admin lists; the others use list-page.ts): one extra row tells whether another page follows. */
export function pageArgs(query: PageQuery): { take: number; orderBy: { id: "asc" }; where: { id?: { gt: string } } } {
  return { take: query.limit + 1, orderBy: { id: "asc" }, where: query.cursor ? { id: { gt: decodeCursor(query.cursor) } } : {} };
}

export function toPage<T extends { id: string }, R>(rows: T[], query: PageQuery, present: (row: T) => R): { data: R[]; nextCursor: string | null } {
  const page = rows.slice(0, query.limit);
  return { data: page.map(present), nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!.id) : null };
}
