/** Outbound CRM webhook event types (issue 8): what the CRM subscribes a WebhookEndpoint to. */
export const WEBHOOK_EVENT = {
  callCompleted: "call.completed",
  promiseMade: "promise.made",
  paymentApplied: "payment.applied",
  paymentParked: "payment.parked",
  disputeOpened: "dispute.opened",
  ceaseRequested: "cease.requested",
  escalation: "journey.escalated",
  journeyEnded: "journey.ended",
} as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT)[keyof typeof WEBHOOK_EVENT];
