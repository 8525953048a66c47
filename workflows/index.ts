import { campaignLaunch } from "./campaign-launch";
import { collectionJourney } from "./collection-journey";
import { crmWebhookDelivery } from "./crm-webhook-delivery";
import { dialStep, finishStep, planStep } from "./steps";

/** Every workflow a Recourse worker registers. */
export const allWorkflows = [collectionJourney, planStep, dialStep, finishStep, campaignLaunch, crmWebhookDelivery];
