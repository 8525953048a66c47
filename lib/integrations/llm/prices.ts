import type { TokenUsage } from "../../contracts/call-summary";

/**
 * List prices in nano-dollars per token, which is numerically "US dollars per 1 000 000 tokens"
 * times 1 000 (gpt-4o-mini: $0.15 in, $0.60 out per 1M tokens = 150 and 600). Integers, so cost
 * arithmetic never touches floats. Standard tier, uncached input; cached-input and batch discounts
 * are ignored, so costs err high. Source: openai.com/api/pricing as of 2025; update here when
 * prices change. Models not listed (self-hosted ones behind OPENAI_BASE_URL) get a null cost.
 */
export const MODEL_PRICES: Readonly<Record<string, { inputNanosPerToken: number; outputNanosPerToken: number }>> = {
  "gpt-4o-mini": { inputNanosPerToken: 150, outputNanosPerToken: 600 },
  "gpt-4o": { inputNanosPerToken: 2_500, outputNanosPerToken: 10_000 },
  "gpt-4.1": { inputNanosPerToken: 2_000, outputNanosPerToken: 8_000 },
  "gpt-4.1-mini": { inputNanosPerToken: 400, outputNanosPerToken: 1_600 },
  "gpt-4.1-nano": { inputNanosPerToken: 100, outputNanosPerToken: 400 },
};

/**
 * The price entry for a model name, matching dated snapshots to their family by the longest listed
 * prefix ("gpt-4o-mini-2024-07-18" -> "gpt-4o-mini", never "gpt-4o").
 */
function priceOf(model: string) {
  const family = Object.keys(MODEL_PRICES)
    .filter((name) => model === name || model.startsWith(`${name}-`))
    .sort((a, b) => b.length - a.length)[0];
  return family ? MODEL_PRICES[family] : undefined;
}

/** Cost of one call in millionths of a dollar, rounded up; null when the model's price is unknown. */
export function costMicros(model: string, usage: TokenUsage): number | null {
  const price = priceOf(model);
  if (!price) return null;
  const nanos = usage.promptTokens * price.inputNanosPerToken + usage.completionTokens * price.outputNanosPerToken;
  return Math.ceil(nanos / 1_000);
}
