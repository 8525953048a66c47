/**
 * Phrases the offline rules look for in what the consumer said (lower-cased, straight apostrophes).
 * English only, on purpose simple: the rules keep the demo and an outage working, and every call they
 * cannot read falls through to UNVERIFIED_PERSON or HUMAN_REVIEW rather than to a guess.
 */
export const SIGNALS = {
  attorney: /\b(my|an?) (attorney|lawyer)\b|\brepresented by (an? )?(attorney|lawyer|counsel)\b/,
  cease: /\bstop (calling|contacting)\b|\b(don't|do not|never) (call|contact)( me| us| this number)?( again| anymore| any more)?\b|\bquit calling\b|\bleave me alone\b|\b(take|remove) (me|my number) off\b/,
  /** Checked before `cease` and cut out of the text, so "don't call me at work" is not a stop request. */
  inconvenient: /\b(don't|do not|never) (call|contact)( me)? (at work|before \w+|after \w+|during \w+|in the (morning|evening)|on (weekends|sundays|saturdays))\b|\bcan't talk at work\b/g,
  dispute: /\b(don't|do not|doesn't|does not) owe\b|\bnot my (debt|account|bill)\b|\b(isn't|is not|that's not|it's not) mine\b|\bnever had (an|this|that) account\b|\bdispute\b|\balready paid\b|\bwrong amount\b|\bidentity theft\b/,
  wrongParty: /\bwrong (number|person)\b|\b(no one|nobody) (by that name|named|here by)\b|\b(doesn't|does not) live here\b|\bi don't know (him|her|who)\b|\bthis is not (him|her)\b/,
  identityConfirmed: /\b(this is|it's) (me|he|she|him|her)\b|\bspeaking\b|\b(yes|yeah),? (that's|this is|it's) me\b|\bthat's me\b/,
  refusal: /\b(won't|will not|not going to|not gonna|refuse to|never going to) pay\b|\bi'm not paying\b/,
  hardship: /\b(lost|lose) my job\b|\bunemployed\b|\blaid off\b|\bmedical (bills?|problems?|issues?)\b|\bhospital\b|\bcan't afford\b|\bhardship\b|\bdisabilit(y|ies)\b|\bstruggling\b|\bno income\b/,
  callback: /\bcall (me )?back\b|\bcall me (tomorrow|later|on|at|next|this)\b|\bbetter time\b|\bnot a good time\b/,
  promise: /\b(i|we) ?('ll|will|can|could|am going to|'m going to|'ll be able to) (pay|send|make (a |the )?payment)\b|\bpromise to pay\b/,
  /** A short yes to the agent's own proposal ("Can you pay $100 by Friday?" "Yes, that works."). */
  agreement: /^(yes|yeah|yep|sure|ok|okay|that works|i can do that|deal|fine)\b/,
  voicemail: /\b(leave|record) (a|your) message\b|\bafter the (tone|beep)\b|\bvoice ?mail\b|\bnot available to take your call\b/,
  hostile: /\b(damn|hell|scam|scammers?|harass\w*|shut up)\b/,
  negative: /\b(angry|upset|annoyed|frustrat\w*|ridiculous)\b/,
  positive: /\b(thank you|thanks|great|happy to|appreciate)\b/,
} as const;

/** Lower case, straight apostrophes, single spaces: what the patterns above expect. */
export function normalize(text: string): string {
  return text.toLowerCase().replace(/[\u2018\u2019`]/g, "'").replace(/\s+/g, " ").trim();
}
