"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { cancelCampaign } from "@/lib/campaigns/cancel-campaign";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { launchCampaign } from "@/lib/campaigns/launch-campaign";
import { pauseCampaign } from "@/lib/campaigns/pause-campaign";
import { resumeCampaign } from "@/lib/campaigns/resume-campaign";
import { IdSchema } from "@/lib/contracts/api";
import { CreateCampaignInputSchema } from "@/lib/contracts/campaign";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseDollars } from "@/lib/money";
import { runAction, type ActionResult } from "../../_auth/action-result";
import { operatorActor } from "../../_auth/operator-actor";
import { parseWith, parseForm } from "../../_auth/parse-form";
import { requireRole } from "../../_auth/require-role";

/** Field names of the create form as the API body names them, for readable errors. */
const LABELS: Record<string, string> = {
  name: "Name",
  concurrency: "Concurrency",
  "strategy.maxAttempts": "Attempts per account",
  "strategy.cadence.hoursBetweenAttempts": "Hours between attempts",
  "strategy.callingWindow": "Calling window",
  "strategy.callingWindow.start": "Calling window start",
  "strategy.callingWindow.end": "Calling window end",
  "strategy.callingWindow.daysOfWeek": "Calling days",
  "strategy.agentScriptId": "Agent script",
  "strategy.caps.callsPerDay": "Calls per day",
  "strategy.caps.callsPerAccountPerWeek": "Calls per account per week",
  "segment.statuses": "Account statuses",
  "segment.creditors": "Creditors",
  "segment.states": "States",
  "segment.minBalanceCents": "Minimum balance",
  "segment.maxBalanceCents": "Maximum balance",
  "segment.accountExternalIds": "Account references",
};

const list = (value: FormDataEntryValue | null) => (typeof value === "string" ? value.split(/[\s,]+/).map((v) => v.trim()).filter(Boolean) : []);
const text = (value: FormDataEntryValue | null) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);
/** A number field: empty is "not given"; anything else goes to the schema as is, which says what is wrong. */
const integer = (value: FormDataEntryValue | null) => {
  const t = text(value);
  return t === undefined ? undefined : /^-?\d+$/.test(t) ? Number(t) : t;
};
const cents = (value: FormDataEntryValue | null, label: string) => {
  const t = text(value);
  if (t === undefined) return undefined;
  const parsed = parseDollars(t);
  if (parsed === null) throw new AppError("VALIDATION_FAILED", `Check the form. ${label}: enter an amount in dollars, such as 500.`);
  return parsed;
};

/** The create form → the API's CreateCampaignInput (same schema, so the console cannot create what the API would refuse). */
function campaignInput(form: FormData) {
  const creditors = form.get("creditors");
  const states = list(form.get("states")).map((s) => s.toUpperCase());
  const externalIds = list(form.get("accountExternalIds"));
  const callsPerDay = integer(form.get("callsPerDay"));
  return {
    name: text(form.get("name")),
    concurrency: integer(form.get("concurrency")),
    strategy: {
      maxAttempts: integer(form.get("maxAttempts")),
      cadence: { hoursBetweenAttempts: integer(form.get("hoursBetweenAttempts")) },
      callingWindow: { start: text(form.get("windowStart")), end: text(form.get("windowEnd")), daysOfWeek: form.getAll("daysOfWeek").map((d) => integer(d)) },
      agentScriptId: text(form.get("agentScriptId")),
      caps: { ...(callsPerDay === undefined ? {} : { callsPerDay }), callsPerAccountPerWeek: integer(form.get("callsPerAccountPerWeek")) },
    },
    segment: {
      statuses: form.getAll("statuses").map(String),
      ...(typeof creditors === "string" && creditors.trim() ? { creditors: creditors.split(",").map((c) => c.trim()).filter(Boolean) } : {}),
      ...(states.length > 0 ? { states } : {}),
      ...(cents(form.get("minBalance"), "Minimum balance") !== undefined ? { minBalanceCents: cents(form.get("minBalance"), "Minimum balance") } : {}),
      ...(cents(form.get("maxBalance"), "Maximum balance") !== undefined ? { maxBalanceCents: cents(form.get("maxBalance"), "Maximum balance") } : {}),
      excludeTimeBarred: form.get("excludeTimeBarred") === "on",
      ...(externalIds.length > 0 ? { accountExternalIds: externalIds } : {}),
    },
  };
}

/** Creates a draft campaign (supervisor+, audited by createCampaign) and opens its page. */
export async function createCampaignAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  let createdId: string | undefined;
  const result = await runAction("campaign.create", async () => {
    const operator = await requireRole("supervisor", { mutation: true });
    const input = parseWith(CreateCampaignInputSchema, campaignInput(form), LABELS);
    const campaign = await createCampaign(db(), input, operatorActor(operator));
    createdId = campaign.id;
    revalidatePath("/campaigns");
    return `Campaign "${campaign.name}" created as a draft.`;
  });
  // Outside runAction: redirect works by throwing, which runAction would turn into an error.
  if (createdId) redirect(`/campaigns/${createdId}`);
  return result;
}

const CONTROLS = { launch: launchCampaign, pause: pauseCampaign, resume: resumeCampaign, cancel: cancelCampaign } as const;
const ControlSchema = z.object({ campaignId: IdSchema, control: z.enum(["launch", "pause", "resume", "cancel"]) });
const DONE = { launch: "Launched: the campaign enrolls its accounts and starts calling.", pause: "Paused: journeys hold before their next call.", resume: "Resumed: journeys call again.", cancel: "Cancelled: every journey of the campaign ends." } as const;

/** Launch, pause, resume or cancel (supervisor+); the lifecycle rules and the audit row live in lib/campaigns. */
export async function controlCampaignAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  return runAction("campaign.control", async () => {
    const operator = await requireRole("supervisor", { mutation: true });
    const { campaignId, control } = parseForm(ControlSchema, form);
    await CONTROLS[control](db(), campaignId, operatorActor(operator));
    revalidatePath(`/campaigns/${campaignId}`);
    revalidatePath("/campaigns");
    return DONE[control];
  });
}
