import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createDb, type Db } from "../db";
import { createTestDatabase, type TestDatabase } from "../testing/database";
import type { Actor } from "../audit/actor";
import { checkImport } from "./check-import";
import { guessImportMapping } from "./guess-import-mapping";
import { importBatches } from "./import-batches";
import { importReport } from "./import-report";
import { startImport } from "./start-import";

const HEADER = "Account Number,Creditor,Balance,Original Balance,Debtor ID,First Name,Last Name,Phone,State,Time Zone";
const good = (n: number, prefix = "IMP") => `${prefix}${n},Acme Bank,"1,234.50",2000,DB${prefix}${n},Ana,Lee${n},+1310555${String(n).padStart(4, "0")},CA,America/Los_Angeles`;
const file = (lines: string[], name = "portfolio.csv") => {
  const bytes = new TextEncoder().encode([HEADER, ...lines].join("\n"));
  return { fileName: name, bytes, mapping: guessImportMapping(HEADER.split(",")) };
};

describe("portfolio import", () => {
  let database: TestDatabase;
  let db: Db;
  let actor: Actor;
  before(async () => {
    database = await createTestDatabase({ migrate: true });
    db = createDb(database.url);
    const operator = await db.operator.create({ data: { email: "sup@test", name: "Sup", role: "SUPERVISOR", passwordHash: "x" } });
    actor = { type: "OPERATOR", id: operator.id };
  });
  after(async () => {
    await db.$disconnect();
    await database.drop();
  });

  test("a clean file is checked, then imported in batches through the API's upsert", async () => {
    const rows = Array.from({ length: 1_203 }, (_, i) => good(i));
    const upload = file(rows);
    const report = await checkImport(db, upload, actor);
    assert.deepEqual([report.status, report.totalRows, report.validRows, report.rejectedRows], ["VALIDATING", 1_203, 1_203, 0]);
    assert.equal(await db.account.count(), 0, "a check writes no account");
    const items = await startImport(db, report.jobId, upload, { validOnly: false }, actor);
    await assert.rejects(startImport(db, report.jobId, upload, { validOnly: false }, actor), { code: "CONFLICT" }, "a second start imports nothing twice");
    await importBatches(db, report.jobId, items, actor);
    const done = await importReport(db, report.jobId);
    assert.deepEqual([done.status, done.importedRows], ["COMPLETED", 1_203]);
    const account = await db.account.findUniqueOrThrow({ where: { externalId: "IMP7" }, include: { debtor: { include: { phones: true } } } });
    assert.equal(account.balanceCents, 123_450);
    assert.deepEqual(account.debtor.timeZoneCandidates, ["America/Los_Angeles"]);
    assert.equal(account.debtor.phones[0]!.number, "+13105550007");
    assert.equal(await db.auditLog.count({ where: { action: "accounts.upsert", entityId: `import:${report.jobId}` } }), 3, "one audited upsert per batch of 500");
    assert.equal(await db.auditLog.count({ where: { action: { in: ["import.check", "import.start", "import.complete"] }, entityId: report.jobId, actorId: actor.id } }), 3);
  });

  test("bad rows are reported by row and column, and nothing is imported unless valid rows are asked for", async () => {
    const upload = file([good(1, "BAD"), "BAD2,Acme,abc,100,DB5001,Bo,Ng,+13105550001,CA,America/Chicago", "BAD3,Acme,10,10,DB5002,,Ng,12345,ca,America/Chicago", good(1, "BAD"), "BAD4,Acme,10"]);
    const report = await checkImport(db, upload, actor);
    assert.deepEqual([report.status, report.totalRows, report.validRows, report.rejectedRows], ["REJECTED", 5, 1, 4]);
    const reasons = report.errors.map((e) => `${e.row} ${e.field}`);
    assert.deepEqual(reasons, ["3 Balance", "4 First Name", "4 State", "4 Phone", "5 Account Number", "6 (row)"]);
    assert.match(report.errors.find((e) => e.field === "Phone")!.reason, /E\.164/);
    await assert.rejects(startImport(db, report.jobId, upload, { validOnly: false }, actor), { code: "CONFLICT" });
    assert.equal(await db.account.count({ where: { externalId: { startsWith: "BAD" } } }), 0);
    const changed = { ...upload, mapping: { ...upload.mapping, "Time Zone": "" } };
    await assert.rejects(startImport(db, report.jobId, changed, { validOnly: true }, actor), { code: "CONFLICT" }, "the mapping must match the checked one");
    await importBatches(db, report.jobId, await startImport(db, report.jobId, upload, { validOnly: true }, actor), actor);
    const done = await importReport(db, report.jobId);
    assert.deepEqual([done.status, done.importedRows], ["COMPLETED", 1]);
    assert.deepEqual((await db.account.findMany({ where: { externalId: { startsWith: "BAD" } } })).map((a) => a.externalId), ["BAD1"]);
  });

  test("unusable files are refused with a clear reason and leave no job behind", async () => {
    const before = await db.importJob.count();
    await assert.rejects(checkImport(db, file([good(1)], "portfolio.xlsx"), actor), /not a \.csv file/);
    await assert.rejects(checkImport(db, { ...file([]), bytes: new Uint8Array() }, actor), /empty/);
    await assert.rejects(checkImport(db, file([]), actor), /no data rows/);
    await assert.rejects(checkImport(db, { ...file([good(1)]), bytes: new Uint8Array([80, 75, 3, 4, 0, 0]) }, actor), /not text/);
    await assert.rejects(checkImport(db, { ...file([good(1)]), bytes: new Uint8Array(5 * 1024 * 1024 + 1).fill(65) }, actor), { code: "PAYLOAD_TOO_LARGE" });
    await assert.rejects(checkImport(db, { ...file([good(1)]), mapping: { ...guessImportMapping(HEADER.split(",")), Creditor: "" } }, actor), /Choose a column for: Creditor/);
    assert.equal(await db.importJob.count(), before);
  });
});
