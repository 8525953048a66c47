import { z } from "zod";
import { EVENT, WORKFLOW } from "../lib/contracts/names";
import { attachJourneyRuns } from "../lib/journey/attach-journey-runs";
import { enrollAccounts } from "../lib/journey/enroll-accounts";
import { collectionJourney } from "./collection-journey";
import { workflowDeps } from "./deps";
import { hatchet } from "./hatchet-client";
import { parseInput, runStep } from "./run-step";

const LaunchInputSchema = z.object({ campaignId: z.string().min(1).max(64) });
const BATCH = 500;

/**
 * Runs when a campaign is launched (the `campaign:launched` event its launch wrote to the outbox):
 * enrolls the segment and starts one collection journey per enrollment, in batches. Retrying it
 * only starts what has not been started; one journey per account is also held by the journey's
 * concurrency key.
 */
export const campaignLaunch = hatchet.workflow<z.infer<typeof LaunchInputSchema>>({ name: WORKFLOW.campaignLaunch, on: { event: EVENT.campaignLaunched } });

campaignLaunch.task({
  name: "enroll-and-start",
  retries: 3,
  backoff: { factor: 2, maxSeconds: 60 },
  executionTimeout: "30m",
  fn: async (raw) => {
    const input = parseInput(LaunchInputSchema, raw);
    const { db } = workflowDeps();
    return runStep(async () => {
      const campaign = await db.campaign.findUnique({ where: { id: input.campaignId } });
      if (!campaign || campaign.status !== "RUNNING") return { started: 0, skipped: campaign ? `campaign is ${campaign.status}` : "no such campaign" };
      const pending = await enrollAccounts(db, campaign.id);
      let started = 0;
      for (let i = 0; i < pending.length; i += BATCH) {
        const batch = pending.slice(i, i + BATCH);
        const refs = await collectionJourney.runNoWait(batch.map((e) => ({ enrollmentId: e.id, accountId: e.accountId, campaignId: campaign.id })));
        const runIds = await Promise.all(refs.map((ref) => ref.getWorkflowRunId()));
        await attachJourneyRuns(db, batch.map((enrollment, index) => ({ enrollmentId: enrollment.id, workflowRunId: runIds[index]! })));
        started += batch.length;
      }
      return { started, skipped: null };
    });
  },
});
