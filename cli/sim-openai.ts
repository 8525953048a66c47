/**
 * `npm run dev:sim:openai`: the OpenAI-compatible stand-in on its own, answering call-summary prompts
 * with the offline rules, so the real openai client (and anything else that speaks the API) can be
 * exercised without a network or a key. Point the app at it with the printed variables.
 */
import { env } from "@/lib/env";
import { rulesResponder } from "@/lib/integrations/llm/rules-responder";
import { startOpenAiSim } from "@/sim/openai/server";

const config = env();
// Accept the key the app will send, so the same .env drives both.
const apiKey = config.OPENAI_API_KEY ?? "sk-sim-local";
const sim = await startOpenAiSim({ port: config.SIM_OPENAI_PORT, apiKey, respond: rulesResponder });
console.log(`OpenAI-compatible stand-in on ${sim.url} (model: offline rules)`);
console.log(`  OPENAI_BASE_URL=${sim.url}`);
console.log(`  OPENAI_API_KEY=${config.OPENAI_API_KEY ? "<your OPENAI_API_KEY>" : apiKey}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void sim.stop().then(() => process.exit(0));
  });
}
