import { createHash } from "node:crypto";

/**
 * Who picks up (or does not) when the simulator dials a number. The first group ends in SIP,
 * the rest are answered and talk to the agent. `declined`, `carrier_failure` and `silent` are never
 * drawn by the seed; tests ask for them per number.
 */
export const PERSONAS = [
  "no_answer",
  "busy",
  "invalid_number",
  "declined",
  "carrier_failure",
  "voicemail",
  "silent",
  "wrong_party",
  "pays_now",
  "promise_to_pay",
  "disputes",
  "refuses",
  "stop_calling",
  "callback",
  "hostile",
  "confused",
] as const;
export type Persona = (typeof PERSONAS)[number];

/** How often each persona is drawn, roughly a collections floor's mix (no answer and voicemail dominate). */
const WEIGHTS: Partial<Record<Persona, number>> = {
  no_answer: 20,
  busy: 6,
  invalid_number: 4,
  voicemail: 18,
  wrong_party: 5,
  pays_now: 5,
  promise_to_pay: 10,
  disputes: 5,
  refuses: 5,
  stop_calling: 4,
  callback: 6,
  hostile: 4,
  confused: 4,
};

/** A number in [0, 1) from the seed and a key: the same run gets the same draws. */
export function seededUnit(seed: number, key: string): number {
  return createHash("sha256").update(`${seed}:${key}`).digest().readUInt32BE(0) / 2 ** 32;
}

/** The persona behind a number: the override if one is set, else a seeded weighted draw. */
export function personaFor(number: string, seed: number, overrides: ReadonlyMap<string, Persona>): Persona {
  const override = overrides.get(number);
  if (override) return override;
  const entries = Object.entries(WEIGHTS) as [Persona, number][];
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let point = seededUnit(seed, `persona:${number}`) * total;
  for (const [persona, weight] of entries) {
    point -= weight;
    if (point < 0) return persona;
  }
  return "no_answer";
}

/** The SIP ending of personas that never connect: final status, reason phrase, seconds of ringing. */
export function sipFailureOf(persona: Persona, number: string, seed: number, ringingTimeoutS: number): { status: number; reason: string; ringS: number } | undefined {
  switch (persona) {
    case "no_answer":
      return { status: 408, reason: "Request Timeout", ringS: ringingTimeoutS };
    case "busy":
      return { status: 486, reason: "Busy Here", ringS: 1 };
    case "invalid_number": {
      const pick = Math.floor(seededUnit(seed, `invalid:${number}`) * 3);
      return [
        { status: 404, reason: "Not Found", ringS: 1 },
        { status: 484, reason: "Address Incomplete", ringS: 0 },
        { status: 410, reason: "Gone", ringS: 1 },
      ][pick];
    }
    case "declined":
      return { status: 603, reason: "Decline", ringS: 6 };
    case "carrier_failure":
      return { status: 503, reason: "Service Unavailable", ringS: 0 };
    default:
      return undefined;
  }
}

/**
 * `SIM_PERSONAS`: fixed personas per number, as `+12125550191=no_answer,+12125550193=promise_to_pay`
 * (E.164 numbers, names from PERSONAS). Empty means none. Strict: any bad entry throws, naming it,
 * so a typo never falls back to the seeded draw.
 */
export function parsePersonaOverrides(text: string): Record<string, Persona> {
  const overrides: Record<string, Persona> = {};
  if (text.trim() === "") return overrides;
  const problems: string[] = [];
  for (const [i, raw] of text.split(",").entries()) {
    const entry = raw.trim();
    const match = /^(\+[1-9]\d{6,14})=([a-z_]+)$/.exec(entry);
    if (!match) {
      problems.push(`entry ${i + 1} ${JSON.stringify(entry)} is not <E.164 number>=<persona>`);
      continue;
    }
    const [, number, persona] = match as unknown as [string, string, string];
    if (!(PERSONAS as readonly string[]).includes(persona)) problems.push(`entry ${i + 1}: unknown persona "${persona}" (one of ${PERSONAS.join(", ")})`);
    else if (number in overrides) problems.push(`entry ${i + 1}: ${number} is given twice`);
    else overrides[number] = persona as Persona;
  }
  if (problems.length > 0) throw new Error(problems.join("; "));
  return overrides;
}
