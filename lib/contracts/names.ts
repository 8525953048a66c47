/**
 * Every workflow name and event key in one place (STYLE.md §7): workers register with these,
 * app/ triggers with them, and events are always pushed through them, so names cannot drift.
 */
export const WORKFLOW = {
  collectionJourney: "collection-journey",
  campaignLaunch: "campaign-launch",
  promiseReminder: "promise-reminder",
  nightlyReconciliation: "nightly-reconciliation",
  crmWebhookDelivery: "crm-webhook-delivery",
  outboxRelay: "outbox-relay",
} as const;

export type WorkflowName = (typeof WORKFLOW)[keyof typeof WORKFLOW];

/** `domain:event` keys; pushed with a scope such as `attempt:<id>` or `account:<id>`. */
export const EVENT = {
  callEnded: "call:ended",
  transcriptReceived: "call:transcript",
  paymentReceived: "payment:received",
  promiseMade: "promise:made",
  disputeOpened: "dispute:opened",
  ceaseRequested: "cease:requested",
  campaignLaunched: "campaign:launched",
  campaignPaused: "campaign:paused",
  campaignResumed: "campaign:resumed",
  campaignCancelled: "campaign:cancelled",
  /** One of the campaign's lines is free: wakes the journey that waited longest for one (scope: its enrollment). */
  campaignLineFreed: "line:freed",
  journeyEnded: "journey:ended",
  /** A CRM webhook delivery was queued (payload `{ deliveryId }`): starts crm-webhook-delivery. */
  webhookQueued: "webhook:queued",
} as const;

export type EventKey = (typeof EVENT)[keyof typeof EVENT];

/** Scopes pair an event with the one waiter it is for. */
export const SCOPE = {
  attempt: (attemptId: string) => `attempt:${attemptId}`,
  account: (accountId: string) => `account:${accountId}`,
  campaign: (campaignId: string) => `campaign:${campaignId}`,
  enrollment: (enrollmentId: string) => `enrollment:${enrollmentId}`,
} as const;
