import type { Db, Tx } from "../db";
import { transaction } from "../db";
import { zodFieldErrors } from "../errors";
import type { Actor } from "../audit/actor";
import { recordAudit } from "../audit/record-audit";
import { AccountUpsertItemSchema, UpsertAccountsInputSchema, type AccountUpsertItem, type UpsertAccountsResult } from "../contracts/accounts";
import { accountFields, debtorFields, differs, phoneFields } from "./upsert-fields";

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
  if (newDebtors.length > 0) {
    const created = await tx.debtor.createManyAndReturn({ data: newDebtors.map(debtorFields), select: { id: true, externalId: true } });
    for (const d of created) debtorIds.set(d.externalId, d.id);
  }

  const existingPhones = await tx.phone.findMany({ where: { debtorId: { in: existingDebtors.map((d) => d.id) } } });
  const phoneByKey = new Map(existingPhones.map((p) => [`${p.debtorId} ${p.number}`, p]));
  const newPhones = [];
  for (const [externalId, input] of debtorInputs) {
    const debtorId = debtorIds.get(externalId)!;
    for (const phone of input.phones) {
      const known = phoneByKey.get(`${debtorId} ${phone.number}`);
      const data = phoneFields(phone);
      if (!known) newPhones.push({ debtorId, number: phone.number, ...data });
      else if (differs(known, data)) {
        await tx.phone.update({ where: { id: known.id }, data });
        changedDebtors.add(externalId);
      }
    }
  }
  if (newPhones.length > 0) await tx.phone.createMany({ data: newPhones, skipDuplicates: true });
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
    const created = await tx.account.createManyAndReturn({
      data: toCreate.map(({ item }) => ({ ...accountFields(item), externalId: item.externalId, debtorId: debtorIds.get(item.debtor.externalId)! })),
      select: { id: true, externalId: true, debtorId: true },
    });
    const byExternal = new Map(created.map((a) => [a.externalId, a]));
    for (const { index, item } of toCreate) {
      const row = byExternal.get(item.externalId)!;
      results.push({ index, externalId: item.externalId, result: "created", accountId: row.id, debtorId: row.debtorId, errors: [] });
    }
  }
  return results;
}
