import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Db } from "../db";
import { useMigratedDb } from "../testing/migrated-db";
import { createDialableDebtor } from "../testing/factories";
import { SYSTEM_ACTOR } from "../audit/actor";
import { createCampaign } from "../campaigns/create-campaign";
import { enrollAccounts } from "./enroll-accounts";

const strategy = { maxAttempts: 3, cadence: { hoursBetweenAttempts: 24 }, callingWindow: {}, agentScriptId: "standard-v1" };

describe("enrollAccounts reads the segment the API and the console store", () => {
  const suite = useMigratedDb();
  let db: Db;
  before(async () => {
    db = await suite.ready();
  });

  test("external ids, creditors, time-barred and statuses narrow the accounts taken", async () => {
    const a = await createDialableDebtor(db, { account: { externalId: "SEG-1", creditor: "Acme" } });
    await createDialableDebtor(db, { account: { externalId: "SEG-2", creditor: "Other" } });
    await createDialableDebtor(db, { account: { externalId: "SEG-3", creditor: "Acme", timeBarred: true } });
    await createDialableDebtor(db, { account: { externalId: "SEG-4", creditor: "Acme" } });
    const campaign = await createCampaign(db, { name: "API shape", strategy, segment: { accountExternalIds: ["SEG-1", "SEG-2", "SEG-3"], creditors: ["Acme"], excludeTimeBarred: true } }, SYSTEM_ACTOR);
    assert.deepEqual(campaign.segment, { accountExternalIds: ["SEG-1", "SEG-2", "SEG-3"], creditors: ["Acme"], excludeTimeBarred: true, statuses: ["ACTIVE"] });
    const enrolled = await enrollAccounts(db, campaign.id);
    assert.deepEqual(enrolled.map((e) => e.accountId), [a.account.id]);
    const none = await createCampaign(db, { name: "Paid only", strategy, segment: { statuses: ["PAID"], accountExternalIds: ["SEG-4"] } }, SYSTEM_ACTOR);
    assert.deepEqual(await enrollAccounts(db, none.id), []);
  });
});
