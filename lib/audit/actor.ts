/** Who did something: every actor action on consumer data lands in AuditLog with it. */
export interface Actor {
  readonly type: "OPERATOR" | "API_KEY" | "SYSTEM" | "WORKFLOW";
  readonly id: string | null;
  /** The API request id, so an audit row leads back to the request log. */
  readonly requestId?: string | undefined;
}

export const SYSTEM_ACTOR: Actor = { type: "SYSTEM", id: null };
