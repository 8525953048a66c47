import type { Db, Tx } from "../db";
import { transaction } from "../db";
import { zodFieldErrors } from "../errors";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record-audit";
import { AccountUpsertItemSchema, UpsertAccountsInputSchema, type AccountUpsertItem, type UpsertAccountsResult } from "../contracts/accounts";
import { accountFields, debtorFields, differs, phoneFields } from "./upsert-fields";
import { ACCOUNT_COLUMNS, DEBTOR_COLUMNS, insertRecordset, newId, PHONE_COLUMNS } from "./insert-recordset";

/** camelCase field names → the snake_case columns insertRecordset takes; dates as ISO text. */
function snake(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k.replace(/[A-Z0-9]/g, (c) => `_${c.toLowerCase()}`).replace(/_(\d)/, "$1"), v instanceof Date ? v.toISOString() : v]));
}

type ItemResult = UpsertAccountsResult["items"][number];

/**
 * Creates or updates debtors, their phones and their accounts by the CRM's external ids, up to
 * 10,000 items in one transaction. Each item is validated on its own: a bad item is rejected with
 * its reasons and the others go ahead. Consumer-request flags (disputes, cease) and account status
 * are never overwritten here: they change only through their own actions. The console's CSV
 * import calls this same function.
 */
export async function upsertAccounts(db: Db, input: unknown, actor: Actor): Promise<UpsertAccountsResult> {
  const { items: rawItems } = UpsertAccountsInputSchema.parse(input);
  const results: ItemResult[] = [];
  const valid: { index: number; item: AccountUpsertItem }[] = [];
  const seenAccounts = new Set<string>();
  rawItems.forEach((raw, index) => {
    const parsed = AccountUpsertItemSchema.safeParse(raw);
    const externalId = typeof raw === "object" && raw !== null && "externalId" in raw && typeof raw.externalId === "string" ? raw.externalId.slice(0, 128) : null;
    if (!parsed.success) return void results.push(rejected(index, externalId, zodFieldErrors(parsed.error)));
    if (seenAccounts.has(parsed.data.externalId)) return void results.push(rejected(index, externalId, [{ path: "externalId", message: "appears twice in this request" }]));
    seenAccounts.add(parsed.data.externalId);
    valid.push({ index, item: parsed.data });
  });
  if (valid.length > 0) {
    results.push(...(await transaction(db, "upsert-accounts", (tx) => write(tx, valid), { timeoutMs: 120_000 })));
  }
  results.sort((a, b) => a.index - b.index);
  const count = (r: ItemResult["result"]) => results.filter((x) => x.result === r).length;
  const summary = { created: count("created"), updated: count("updated"), unchanged: count("unchanged"), rejected: count("rejected") };
  if (summary.created + summary.updated > 0) {
    await transaction(db, "upsert-accounts-audit", (tx) => recordAudit(tx, actor, "accounts.upsert", { type: "account_batch", id: actor.requestId ?? "batch" }, summary));
  }
  return { ...summary, items: results };
}

function rejected(index: number, externalId: string | null, errors: ItemResult["errors"]): ItemResult {
  return { index, externalId, result: "rejected", accountId: null, debtorId: null, errors };
}

async function write(tx: Tx, valid: { index: number; item: AccountUpsertItem }[]): Promise<ItemResult[]> {
  // The first item naming a debtor sets its fields; phones from every item are merged.
  const debtorInputs = new Map<string, AccountUpsertItem["debtor"]>();
  for (const { item } of valid) {
    const known = debtorInputs.get(item.debtor.externalId);
    if (!known) debtorInputs.set(item.debtor.externalId, { ...item.debtor, phones: [...item.debtor.phones] });
    else for (const p of item.debtor.phones) if (!known.phones.some((k) => k.number === p.number)) known.phones.push(p);
  }
  const existingDebtors = await tx.debtor.findMany({ where: { externalId: { in: [...debtorInputs.keys()] } } });
  const debtorIds = new Map(existingDebtors.map((d) => [d.externalId, d.id]));
  const changedDebtors = new Set<string>();
  for (const d of existingDebtors) {
    const data = debtorFields(debtorInputs.get(d.externalId)!);
    if (differs(d, data)) {
      await tx.debtor.update({ where: { id: d.id }, data });
      changedDebtors.add(d.externalId);
    }
  }
  const newDebtors = [...debtorInputs.values()].filter((d) => !debtorIds.has(d.externalId));
  const insertedDebtors = await insertRecordset(tx, "debtors", DEBTOR_COLUMNS, newDebtors.map((d) => snake({ id: newId(), ...debtorFields(d) })), "ON CONFLICT (external_id) DO NOTHING", "id, external_id");
  for (const d of insertedDebtors) debtorIds.set(d.external_id!, d.id!);
  const raced = newDebtors.filter((d) => !debtorIds.has(d.externalId));
  // A concurrent upsert created some of them first: use its rows.
  if (raced.length > 0) for (const d of await tx.debtor.findMany({ where: { externalId: { in: raced.map((r) => r.externalId) } }, select: { id: true, externalId: true } })) debtorIds.set(d.externalId, d.id);

  const existingPhones = await tx.phone.findMany({ where: { debtorId: { in: existingDebtors.map((d) => d.id) } } });
  const phoneByKey = new Map(existingPhones.map((p) => [`${p.debtorId} ${p.number}`, p]));
  const newPhones = [];
  for (const [externalId, input] of debtorInputs) {
    const debtorId = debtorIds.get(externalId)!;
    for (const phone of input.phones) {
      const known = phoneByKey.get(`${debtorId} ${phone.number}`);
      const data = phoneFields(phone);
      if (!known) newPhones.push({ id: newId(), debtorId, number: phone.number, ...data });
      else if (differs(known, data)) {
        await tx.phone.update({ where: { id: known.id }, data });
        changedDebtors.add(externalId);
      }
    }
  }
  await insertRecordset(tx, "phones", PHONE_COLUMNS, newPhones.map(snake), "ON CONFLICT (debtor_id, number) DO NOTHING");
  const phonesAdded = new Set(newPhones.map((p) => p.debtorId));

  const existingAccounts = await tx.account.findMany({ where: { externalId: { in: valid.map((v) => v.item.externalId) } } });
  const accountByExternal = new Map(existingAccounts.map((a) => [a.externalId, a]));
  const results: ItemResult[] = [];
  const toCreate: { index: number; item: AccountUpsertItem }[] = [];
  for (const { index, item } of valid) {
    const debtorId = debtorIds.get(item.debtor.externalId)!;
    const known = accountByExternal.get(item.externalId);
    if (!known) {
      toCreate.push({ index, item });
      continue;
    }
    if (known.debtorId !== debtorId) {
      results.push(rejected(index, item.externalId, [{ path: "debtor.externalId", message: "the account belongs to another debtor; moving accounts between debtors is not supported" }]));
      continue;
    }
    const data = accountFields(item);
    const accountChanged = differs(known, data);
    if (accountChanged) await tx.account.update({ where: { id: known.id }, data });
    const touched = accountChanged || changedDebtors.has(item.debtor.externalId) || phonesAdded.has(debtorId);
    results.push({ index, externalId: item.externalId, result: touched ? "updated" : "unchanged", accountId: known.id, debtorId, errors: [] });
  }
  if (toCreate.length > 0) {
    const rows = toCreate.map(({ item }) => ({ id: newId(), ...accountFields(item), externalId: item.externalId, debtorId: debtorIds.get(item.debtor.externalId)! }));
    const created = await insertRecordset(tx, "accounts", ACCOUNT_COLUMNS, rows.map(snake), "ON CONFLICT (external_id) DO NOTHING", "id, external_id");
    const byExternal = new Map(created.map((a) => [a.external_id!, a.id!]));
    for (const { index, item } of toCreate) {
      const accountId = byExternal.get(item.externalId);
      const debtorId = debtorIds.get(item.debtor.externalId)!;
      if (accountId) results.push({ index, externalId: item.externalId, result: "created", accountId, debtorId, errors: [] });
      else results.push(rejected(index, item.externalId, [{ path: "externalId", message: "created concurrently by another request; send it again to update it" }]));
    }
  }
  return results;
}
