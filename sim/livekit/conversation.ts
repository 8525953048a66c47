import type { Persona } from "./personas";
import { seededUnit } from "./personas";

/** What the simulated agent reads from its dispatch metadata; missing parts get neutral stand-ins. */
export interface AgentJob {
  attemptId: string;
  firstName: string;
  lastName: string;
  postalCode: string | null;
  creditor: string;
  balanceCents: number;
  timeBarred: boolean;
  businessName: string;
  callbackNumber: string;
  language: string;
  miniMiranda: "initial" | "subsequent";
}

export function parseAgentJob(metadata: string): AgentJob | undefined {
  try {
    const m = JSON.parse(metadata) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (typeof m.attemptId !== "string") return undefined;
    const accounts: { creditor?: string; balanceCents?: number; timeBarred?: boolean }[] = m.account?.accounts ?? [];
    return {
      attemptId: m.attemptId,
      firstName: m.account?.firstName ?? "the account holder",
      lastName: m.account?.lastName ?? "",
      postalCode: m.account?.postalCode ?? null,
      creditor: accounts.map((a) => a.creditor).filter(Boolean).join(" and ") || "your creditor",
      balanceCents: accounts.reduce((sum, a) => sum + (a.balanceCents ?? 0), 0),
      timeBarred: accounts.some((a) => a.timeBarred === true),
      businessName: m.script?.businessName ?? "Recourse Services",
      callbackNumber: m.script?.callbackNumber ?? "+15555550100",
      language: m.script?.language ?? "en",
      miniMiranda: m.disclosures?.miniMiranda === "subsequent" ? "subsequent" : "initial",
    };
  } catch {
    return undefined;
  }
}

export interface Segment {
  speaker: "agent" | "consumer";
  text: string;
  startMs: number;
  endMs: number;
}

export interface Conversation {
  segments: Segment[];
  /** The agent's disposition (a COMPLIANCE.md §9 outcome name). */
  disposition: string;
  /** Milliseconds from answer to hang-up. */
  durationMs: number;
}

const dollars = (cents: number) => `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/**
 * The call as the agent and the persona would hold it, in the order the rules demand: AI and
 * recording notices first, identity verified before any word about a debt (1006.6(d)(1)), then the
 * mini-Miranda (1006.18(e)), then the debt. Voicemails use the limited-content template (1006.2(j)).
 */
export function buildConversation(persona: Persona, job: AgentJob, seed: number, today: Date): Conversation {
  const lines: [Segment["speaker"], string][] = [];
  const agent = (text: string) => lines.push(["agent", text]);
  const consumer = (text: string) => lines.push(["consumer", text]);
  const name = `${job.firstName} ${job.lastName}`.trim();
  let disposition = "RIGHT_PARTY_CONTACT";

  if (persona === "voicemail") {
    consumer("Hi, you've reached my voicemail. Please leave a message after the tone.");
    agent(`Hello, this message is for ${name}. This is Alex, an automated assistant with ${job.businessName}. Please call us back at ${job.callbackNumber}. Thank you.`);
    return timed(lines, "VOICEMAIL", seed, job.attemptId);
  }
  if (persona === "silent") {
    consumer("Hello?");
    consumer("Hello? … Is anyone there?");
    return timed(lines, "ANSWERED_SILENT", seed, job.attemptId);
  }

  agent(`Hello, this is Alex, an automated AI assistant, not a person, calling from ${job.businessName}. This call is recorded.`);
  agent(`May I speak with ${name}?`);
  switch (persona) {
    case "wrong_party":
      consumer(`No, you have the wrong number. There's nobody called ${job.firstName} here.`);
      agent("I'm sorry for the trouble. We'll note that this number is wrong. Goodbye.");
      return timed(lines, "WRONG_PARTY", seed, job.attemptId);
    case "hostile":
      consumer("Who is this? Why do you people keep calling me?");
      agent(`I can only discuss this call with ${name}. Could you confirm your ZIP code?`);
      consumer("I'm not telling a robot anything. Don't call here again!");
      return timed(lines, "UNVERIFIED_PERSON", seed, job.attemptId);
    default:
      break;
  }

  consumer(persona === "confused" ? "Yes? Who did you say you were?" : `Yes, this is ${job.firstName}.`);
  agent(job.postalCode ? "Thank you. To protect your privacy, please tell me your ZIP code." : "Thank you. To protect your privacy, please tell me your date of birth.");
  consumer(job.postalCode ? `It's ${job.postalCode.split("").join(" ")}.` : "It's the fourth of March, 1980.");
  agent(
    job.miniMiranda === "initial"
      ? `Thank you, ${job.firstName}. ${job.businessName} is a debt collector. This is an attempt to collect a debt, and any information obtained will be used for that purpose.`
      : `Thank you, ${job.firstName}. This communication is from a debt collector.`,
  );
  agent(`Our records show a balance of ${dollars(job.balanceCents)} owed to ${job.creditor}.`);
  if (job.timeBarred) agent("Because of the age of this debt, we will not sue you for it.");

  switch (persona) {
    case "pays_now":
      consumer("I want to get this over with. Can I pay the whole thing today?");
      agent(`Yes. I've taken a payment of ${dollars(job.balanceCents)} with the card you gave. You'll get a confirmation by mail.`);
      disposition = "PAID_ON_CALL";
      break;
    case "promise_to_pay": {
      const due = new Date(today.getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
      const amount = Math.max(2_500, Math.round(job.balanceCents / 4 / 100) * 100);
      consumer(`I can't pay today, but I get paid next week. I can pay ${dollars(amount)} on ${due}.`);
      agent(`Thank you. I've noted your promise to pay ${dollars(amount)} on ${due}. We'll send a reminder before then.`);
      disposition = "PROMISE_TO_PAY";
      break;
    }
    case "disputes":
      consumer("That's not right. I paid that account years ago, I don't owe anything.");
      agent("I've noted that you dispute this debt. We will pause collection on it, and you can also dispute in writing; we'll mail you the address and verification details.");
      disposition = "DISPUTE";
      break;
    case "refuses":
      consumer("I'm not paying that. Ever.");
      agent("I understand. I've noted that you refuse to pay. A member of our team will review the account.");
      disposition = "REFUSAL_TO_PAY";
      break;
    case "stop_calling":
      consumer("Stop calling me. I don't want any more phone calls.");
      agent("Understood. We will not call you again about this. Goodbye.");
      disposition = "CEASE_REQUEST";
      break;
    case "callback":
      consumer("I'm at work right now. Can you call me back tomorrow evening?");
      agent("Of course. We'll call you back tomorrow evening. Goodbye.");
      disposition = "CALLBACK_REQUESTED";
      break;
    case "confused":
      consumer("I don't understand. Is this my bank? Can you just send me something in the mail?");
      agent("We are not your bank. We'll mail you a letter that explains the debt and your rights.");
      disposition = "RIGHT_PARTY_CONTACT";
      break;
    default:
      break;
  }
  agent("Thank you for your time. Goodbye.");
  return timed(lines, disposition, seed, job.attemptId);
}

/** Speech at about 160 words a minute with seeded pauses between turns. */
function timed(lines: [Segment["speaker"], string][], disposition: string, seed: number, key: string): Conversation {
  const segments: Segment[] = [];
  let clock = 600;
  lines.forEach(([speaker, text], i) => {
    const words = text.split(/\s+/).length;
    const duration = Math.max(700, words * 375);
    segments.push({ speaker, text, startMs: clock, endMs: clock + duration });
    clock += duration + 300 + Math.round(seededUnit(seed, `${key}:${i}`) * 900);
  });
  return { segments, disposition, durationMs: clock };
}
