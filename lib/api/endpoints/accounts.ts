import { z } from "zod";
import { defineEndpoint } from "../endpoint";
import { toPage } from "../pagination";
import { createdBetween, equals, readById, readPage } from "../list-page";
import type { RowOf } from "../row-fields";
import { ACCOUNT_FIELDS, DEBTOR_FIELDS, PHONE_FIELDS, presentAccount, presentDebtor } from "../present";
import { AppError } from "../../errors";
import { Prisma } from "../../generated/prisma/client";
import { readRows, type Db } from "../../db";
import { IdParamsSchema, pageOf } from "../../contracts/api";
import { AccountListQuerySchema, AccountSchema, AccountUpsertItemSchema, DebtorListQuerySchema, DebtorSchema, MAX_UPSERT_ITEMS, UpsertAccountsInputSchema, UpsertAccountsResultSchema } from "../../contracts/accounts";
import { upsertAccounts } from "../../debtors/upsert-accounts";

export const upsertAccountsEndpoint = defineEndpoint({
  operationId: "upsertAccounts", method: "POST", path: "/api/v1/accounts/bulk", scope: "write", tag: "Accounts",
  summary: "Create or update up to 10,000 accounts with their debtors and phones, by external id; per-item results.",
  body: UpsertAccountsInputSchema,
  documentedBody: z.object({ items: z.array(AccountUpsertItemSchema).min(1).max(MAX_UPSERT_ITEMS) }),
  response: UpsertAccountsResultSchema,
  maxBodyBytes: 32 << 20,
  run: ({ db, actor, body }) => upsertAccounts(db, body, actor),
});

export const listAccountsEndpoint = defineEndpoint({
  operationId: "listAccounts", method: "GET", path: "/api/v1/accounts", scope: "read", tag: "Accounts", summary: "List accounts; filter by status, external id, debtor and creation time.",
  query: AccountListQuerySchema, response: pageOf(AccountSchema),
  run: async ({ db, query }) => {
    const where = [equals(ACCOUNT_FIELDS, "status", query.status), equals(ACCOUNT_FIELDS, "externalId", query.externalId), equals(ACCOUNT_FIELDS, "debtorId", query.debtorId), ...createdBetween(ACCOUNT_FIELDS, query)];
    return toPage(await readPage(db, ACCOUNT_FIELDS, query, where), query, presentAccount);
  },
});

export const getAccountEndpoint = defineEndpoint({
  operationId: "getAccount", method: "GET", path: "/api/v1/accounts/{id}", scope: "read", tag: "Accounts", summary: "One account.",
  params: IdParamsSchema, response: AccountSchema,
  run: async ({ db, params }) => {
    const row = await readById(db, ACCOUNT_FIELDS, params.id);
    if (!row) throw new AppError("NOT_FOUND", "No account has this id.");
    return presentAccount(row);
  },
});

export const listDebtorsEndpoint = defineEndpoint({
  operationId: "listDebtors", method: "GET", path: "/api/v1/debtors", scope: "read", tag: "Accounts", summary: "List debtors with their phones; filter by external id and creation time.",
  query: DebtorListQuerySchema, response: pageOf(DebtorSchema),
  run: async ({ db, query }) => {
    const debtors = await readPage(db, DEBTOR_FIELDS, query, [equals(DEBTOR_FIELDS, "externalId", query.externalId), ...createdBetween(DEBTOR_FIELDS, query)]);
    const phones = await phonesOf(db, debtors.map((d) => d.id));
    return toPage(debtors.map((d) => ({ ...d, phones: phones.get(d.id) ?? [] })), query, presentDebtor);
  },
});

export const getDebtorEndpoint = defineEndpoint({
  operationId: "getDebtor", method: "GET", path: "/api/v1/debtors/{id}", scope: "read", tag: "Accounts", summary: "One debtor with phones.",
  params: IdParamsSchema, response: DebtorSchema,
  run: async ({ db, params }) => {
    const row = await readById(db, DEBTOR_FIELDS, params.id);
    if (!row) throw new AppError("NOT_FOUND", "No debtor has this id.");
    return presentDebtor({ ...row, phones: (await phonesOf(db, [row.id])).get(row.id) ?? [] });
  },
});

/** The phones of a page of debtors in one statement, by debtor, in id order (as getDebtor lists them). */
async function phonesOf(db: Db, debtorIds: string[]) {
  const rows = await readRows<RowOf<typeof PHONE_FIELDS> & { debtorId: string }>(db, Prisma.sql`
    SELECT ${PHONE_FIELDS.columns}, "phones"."debtor_id" AS "debtorId" FROM "phones" WHERE "phones"."debtor_id" = ANY(${debtorIds}) ORDER BY "phones"."id"`);
  const byDebtor = new Map<string, typeof rows>();
  for (const row of rows) {
    const list = byDebtor.get(row.debtorId);
    if (list) list.push(row);
    else byDebtor.set(row.debtorId, [row]);
  }
  return byDebtor;
}
