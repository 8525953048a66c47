import type { CallDispatchMetadata } from "../../contracts/call-dispatch";
import type { CallOutcome } from "../../contracts/call-outcome";

/** What a dial step asks of the telephony side: one outbound call for one attempt. */
export interface PlaceCallRequest {
  readonly attemptId: string;
  /** E.164 number to dial. */
  readonly phoneNumber: string;
  /** Caller ID and trunk overrides (a campaign's own); the adapter's configured ones otherwise. */
  readonly callerId?: string;
  readonly sipTrunkId?: string;
  /** What the voice agent needs: account, script, disclosures. */
  readonly dispatch: CallDispatchMetadata;
  readonly signal?: AbortSignal;
}

export type PlaceCallResult =
  | {
      readonly status: "answered";
      readonly roomName: string;
      readonly participantIdentity: string;
      readonly sipCallId: string | null;
      /** True when an earlier try of this step had already dialled: nothing was dialled now. */
      readonly reused: boolean;
    }
  | {
      readonly status: "not_connected";
      readonly roomName: string;
      readonly outcome: CallOutcome;
      /** Final SIP status, or null when the first try's result is unknown. */
      readonly sipStatus: number | null;
      readonly sipReason: string;
      readonly retryLater: boolean;
      readonly reused: boolean;
    };

/**
 * Outbound calls in domain terms. Failures that say something about the call (busy, no answer …)
 * are results; failures of the service itself throw AppError: UPSTREAM_UNAVAILABLE (retryable)
 * for 5xx, 429 and network errors, UPSTREAM_REJECTED (not retryable) for other 4xx.
 */
export interface Telephony {
  placeCall(request: PlaceCallRequest): Promise<PlaceCallResult>;
}
