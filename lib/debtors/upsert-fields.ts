import type { AccountUpsertItem } from "../contracts/accounts";

/** `YYYY-MM-DD` as the UTC midnight Prisma stores in a `@db.Date` column. */
export function dateOnly(value: string | undefined): Date | null {
  return value === undefined ? null : new Date(`${value}T00:00:00.000Z`);
}

export function debtorFields(d: AccountUpsertItem["debtor"]) {
  return {
    externalId: d.externalId,
    firstName: d.firstName,
    lastName: d.lastName,
    dateOfBirth: dateOnly(d.dateOfBirth),
    email: d.email ?? null,
    language: d.language,
    addressLine1: d.addressLine1 ?? null,
    addressLine2: d.addressLine2 ?? null,
    city: d.city ?? null,
    state: d.state ?? null,
    postalCode: d.postalCode ?? null,
    timeZoneCandidates: d.timeZoneCandidates,
  };
}

/** A phone's consent may be added by the CRM, never revoked by it: revocations come from the consumer. */
export function phoneFields(p: AccountUpsertItem["debtor"]["phones"][number]) {
  return {
    lineType: p.lineType,
    priority: p.priority,
    source: p.source ?? null,
    ...(p.tcpaConsentAt ? { tcpaConsentAt: new Date(p.tcpaConsentAt), tcpaConsentSource: p.tcpaConsentSource ?? null } : {}),
  };
}

export function accountFields(a: AccountUpsertItem) {
  return {
    creditor: a.creditor,
    originalCreditor: a.originalCreditor ?? null,
    originalAccountLast4: a.originalAccountLast4 ?? null,
    balanceCents: a.balanceCents,
    originalBalanceCents: a.originalBalanceCents,
    currency: a.currency,
    chargeOffDate: dateOnly(a.chargeOffDate),
    statuteOfLimitationsDate: dateOnly(a.statuteOfLimitationsDate),
    timeBarred: a.timeBarred,
  };
}

/** Whether writing `next` over `current` would change anything (dates and arrays by value). */
export function differs(current: object, next: Record<string, unknown>): boolean {
  const row = current as Record<string, unknown>;
  return Object.entries(next).some(([key, value]) => normalize(row[key]) !== normalize(value));
}

function normalize(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value ?? null);
}
