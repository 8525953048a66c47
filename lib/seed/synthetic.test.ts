import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AREA_CODES } from "./area-codes";
import { buildPortfolio } from "./synthetic";

const asOf = new Date("2026-11-01T12:00:00Z");

describe("synthetic portfolio", () => {
  test("the same seed gives the same portfolio; another seed a different one", () => {
    assert.deepEqual(buildPortfolio({ accounts: 300, seed: 7, asOf }), buildPortfolio({ accounts: 300, seed: 7, asOf }));
    assert.notDeepEqual(buildPortfolio({ accounts: 300, seed: 7, asOf }).debtors[0], buildPortfolio({ accounts: 300, seed: 8, asOf }).debtors[0]);
  });

  test("exactly the requested number of accounts, each owned by a generated debtor", () => {
    const { accounts, debtors } = buildPortfolio({ accounts: 1234, seed: 1, asOf });
    assert.equal(accounts.length, 1234);
    const ids = new Set(debtors.map((d) => d.id));
    for (const account of accounts) assert.ok(ids.has(account.debtorId));
    assert.ok(debtors.length < accounts.length, "some debtors owe several debts");
  });

  test("phone numbers are only in NANP's fictional 555-01XX range and known area codes", () => {
    const codes = new Set(AREA_CODES.map((a) => a.code));
    for (const phone of buildPortfolio({ accounts: 2000, seed: 3, asOf }).phones) {
      assert.match(phone.number, /^\+1\d{3}55501\d{2}$/);
      assert.ok(codes.has(phone.number.slice(2, 5)));
    }
  });

  test("money is whole cents within bounds, and time-barred flags follow the statute date", () => {
    for (const account of buildPortfolio({ accounts: 2000, seed: 4, asOf }).accounts) {
      assert.ok(Number.isInteger(account.balanceCents) && account.balanceCents > 0 && account.balanceCents <= account.originalBalanceCents);
      assert.ok(account.originalBalanceCents <= 2_500_000);
      assert.equal(account.timeBarred, account.statuteOfLimitationsDate.getTime() < asOf.getTime());
    }
  });

  test("the mix covers what compliance must handle", () => {
    const { debtors, phones, accounts } = buildPortfolio({ accounts: 3000, seed: 5, asOf });
    assert.ok(debtors.some((d) => d.state === "MA"), "Massachusetts debtors");
    assert.ok(debtors.some((d) => d.timeZoneCandidates.length > 1), "ambiguous time zones");
    assert.ok(debtors.some((d) => d.timeZoneCandidates.includes("America/Phoenix")), "a zone without DST");
    assert.ok(phones.some((p) => p.lineType === "CELL" && p.tcpaConsentAt === null), "cells without consent");
    assert.ok(phones.some((p) => p.lineType === "LANDLINE"));
    assert.ok(phones.every((p) => p.lineType !== "LANDLINE" || p.tcpaConsentAt === null));
    assert.ok(accounts.some((a) => a.timeBarred) && accounts.some((a) => !a.timeBarred));
    for (const debtor of debtors) assert.ok(debtor.timeZoneCandidates.length >= 1);
  });
});
