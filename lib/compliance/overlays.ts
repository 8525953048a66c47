/**
 * State overlays as data: every overlay of every candidate state applies, so the strictest wins.
 * Add a state by adding rows; the gate and the auditor read this table.
 */
export interface StateOverlay {
  readonly state: string;
  readonly rule: string;
  /** Which numbers the limit is for. */
  readonly phoneUsage: "personal" | "work";
  /** At most this many connected calls about one debt ... */
  readonly maxCalls: number;
  /** ... in this many consecutive local days. */
  readonly windowDays: number;
}

export const STATE_OVERLAYS: readonly StateOverlay[] = [
  // Every connected call counts, voicemail or not (Armata v. Target, 480 Mass. 14 (2018)); consent
  // windows do not exempt it.
  { state: "MA", rule: "940 CMR 7.04(1)(f); 209 CMR 18.16", phoneUsage: "personal", maxCalls: 2, windowDays: 7 },
  { state: "MA", rule: "940 CMR 7.04(1)(f); 209 CMR 18.16", phoneUsage: "work", maxCalls: 2, windowDays: 30 },
];

/** Overlays for a call: those of every candidate state, or of every state when none is known. */
export function overlaysFor(candidateStates: readonly string[], phoneUsage: "personal" | "work"): StateOverlay[] {
  const states = new Set(candidateStates.map((s) => s.toUpperCase()));
  return STATE_OVERLAYS.filter((o) => o.phoneUsage === phoneUsage && (states.size === 0 || states.has(o.state)));
}
