import assert from "node:assert/strict";
import { test } from "node:test";
import { CAMPAIGN_STATUSES } from "../contracts/campaign";
import { assertCampaignTransition, canMoveCampaign } from "./status";

test("campaign lifecycle: draft → running ⇄ paused → cancelled/completed, which are final", () => {
  assert.ok(canMoveCampaign("DRAFT", "RUNNING"));
  assert.ok(canMoveCampaign("RUNNING", "PAUSED"));
  assert.ok(canMoveCampaign("PAUSED", "RUNNING"));
  assert.ok(canMoveCampaign("PAUSED", "CANCELLED"));
  assert.ok(!canMoveCampaign("DRAFT", "PAUSED"));
  for (const to of CAMPAIGN_STATUSES) {
    assert.ok(!canMoveCampaign("CANCELLED", to));
    assert.ok(!canMoveCampaign("COMPLETED", to));
  }
  assert.throws(() => assertCampaignTransition("CANCELLED", "RUNNING"), { code: "CONFLICT" });
});
