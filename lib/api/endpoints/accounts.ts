import { z } from "zod";
import { defineEndpoint } from "../endpoint";
import { createdRange, pageArgs, toPage } from "../pagination";
import { presentAccount, presentDebtor } from "../present";
import { AppError } from "../../errors";
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
    const args = pageArgs(query);
    const rows = await db.account.findMany({ ...args, where: { ...args.where, ...createdRange(query), ...(query.status ? { status: query.status } : {}), ...(query.externalId ? { externalId: query.externalId } : {}), ...(query.debtorId ? { debtorId: query.debtorId } : {}) } });
    return toPage(rows, query, presentAccount);
  },
});

export const getAccountEndpoint = defineEndpoint({
  operationId: "getAccount", method: "GET", path: "/api/v1/accounts/{id}", scope: "read", tag: "Accounts", summary: "One account.",
  params: IdParamsSchema, response: AccountSchema,
  run: async ({ db, params }) => {
    const row = await db.account.findUnique({ where: { id: params.id } });
    if (!row) throw new AppError("NOT_FOUND", "No account has this id.");
    return presentAccount(row);
  },
});

export const listDebtorsEndpoint = defineEndpoint({
  operationId: "listDebtors", method: "GET", path: "/api/v1/debtors", scope: "read", tag: "Accounts", summary: "List debtors with their phones; filter by external id and creation time.",
  query: DebtorListQuerySchema, response: pageOf(DebtorSchema),
  run: async ({ db, query }) => {
    const args = pageArgs(query);
    const rows = await db.debtor.findMany({ ...args, where: { ...args.where, ...createdRange(query), ...(query.externalId ? { externalId: query.externalId } : {}) }, include: { phones: true } });
    return toPage(rows, query, presentDebtor);
  },
});

export const getDebtorEndpoint = defineEndpoint({
  operationId: "getDebtor", method: "GET", path: "/api/v1/debtors/{id}", scope: "read", tag: "Accounts", summary: "One debtor with phones.",
  params: IdParamsSchema, response: DebtorSchema,
  run: async ({ db, params }) => {
    const row = await db.debtor.findUnique({ where: { id: params.id }, include: { phones: true } });
    if (!row) throw new AppError("NOT_FOUND", "No debtor has this id.");
    return presentDebtor(row);
  },
});
