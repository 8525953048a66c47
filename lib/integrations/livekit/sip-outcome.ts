import type { CallOutcome } from "../../contracts/call-outcome";

export interface SipFailureReading {
  readonly outcome: CallOutcome;
  /** Whether the journey may try this number again later (cadence), not whether to redial now. */
  readonly retryLater: boolean;
}

/**
 * Reads the final SIP status of a call that never connected as a COMPLIANCE.md §9 outcome.
 * A failed dial is an outcome of its attempt, never a reason to redial within it: every dial is a
 * placed call (1006.2(b)), so another one needs its own attempt, gate decision and ledger row.
 * Unknown codes take the reading that contacts the consumer less: a connection that may have
 * happened counts (CARRIER_ERROR).
 */
export function readSipFailure(status: number): SipFailureReading {
  switch (status) {
    // Not in service: no such number (404), gone (410), address incomplete (484), 604 does not exist anywhere.
    case 404:
    case 410:
    case 484:
    case 604:
      return { outcome: "NOT_IN_SERVICE", retryLater: false };
    // Busy here / busy everywhere: not connected, so not counted (1006.14(b)(3)).
    case 486:
    case 600:
      return { outcome: "BUSY", retryLater: true };
    // Rang out: request timeout (408, the ringing timeout) or temporarily unavailable (480).
    case 408:
    case 480:
    case 487:
      return { outcome: "NO_ANSWER", retryLater: true };
    // Declined or rejected by the callee: counted like an unanswered call (§9).
    case 603:
    case 607:
    case 608:
      return { outcome: "NO_ANSWER", retryLater: true };
    default:
      // 5xx from the trunk or carrier, and anything unexpected: connection unknown, counted.
      return { outcome: "CARRIER_ERROR", retryLater: status >= 500 && status < 600 };
  }
}
