import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, test } from "node:test";
import type { Db } from "../db";
import { useMigratedDb } from "../testing/migrated-db";
import { createDialableDebtor } from "../testing/factories";
import { attachJourneyRuns } from "./attach-journey-runs";

const suite = useMigratedDb();
let db: Db;
before(async () => {
  db = await suite.ready();
});

test("a launch batch records every journey run id in one go, and a retried launch never re-points one", async () => {
  const campaign = await db.campaign.create({ data: { name: "attach", status: "RUNNING", strategy: {}, segment: {} } });
  const enrollments = await Promise.all(
    Array.from({ length: 3 }, async () => {
      const { account } = await createDialableDebtor(db);
      return db.enrollment.create({ data: { campaignId: campaign.id, accountId: account.id } });
    }),
  );
  const first = enrollments.map((e) => ({ enrollmentId: e.id, workflowRunId: randomUUID() }));
  assert.equal(await attachJourneyRuns(db, first.slice(0, 2)), 2);
  // The retry brings new run ids for all three: only the one without a run takes its id.
  const retry = enrollments.map((e) => ({ enrollmentId: e.id, workflowRunId: randomUUID() }));
  assert.equal(await attachJourneyRuns(db, retry), 1);
  const stored = await db.enrollment.findMany({ where: { campaignId: campaign.id }, select: { id: true, workflowRunId: true } });
  const byId = new Map(stored.map((e) => [e.id, e.workflowRunId]));
  assert.deepEqual(enrollments.map((e) => byId.get(e.id)), [first[0]!.workflowRunId, first[1]!.workflowRunId, retry[2]!.workflowRunId]);
  assert.equal(await attachJourneyRuns(db, []), 0);
});
