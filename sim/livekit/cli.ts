/**
 * `npm run dev:sim`: the LiveKit call simulator on its own. Configuration comes from the
 * environment (the supervisor passes it); secrets never travel on the command line.
 *
 *   SIM_LIVEKIT_PORT (7880)          port of the Twirp API (LIVEKIT_URL of the app)
 *   LIVEKIT_API_KEY, LIVEKIT_SIM_API_SECRET   key pair the app signs with and webhooks are signed with
 *   SIM_WEBHOOK_URL                  the app's /api/webhooks/livekit
 *   SIM_TRANSCRIPT_URL, CALL_TRANSCRIPT_SECRET   the app's /api/calls/transcripts and its HMAC key
 *   SIM_LIVEKIT_SEED (1), SIM_SPEED (30), SIM_SIP_TRUNK_ID
 *   SIM_PERSONAS                     fixed personas per number instead of the seeded draw, e.g.
 *                                    "+12125550191=no_answer,+12125550193=promise_to_pay" (names in personas.ts)
 *
 * A bad value exits with status 2 and says which variable and why.
 */
import { parsePersonaOverrides, type Persona } from "./personas";
import { startLiveKitSim } from "./server";

const env = process.env;
const number = (name: string, fallback: number) => {
  const value = Number(env[name] || fallback);
  if (!Number.isFinite(value)) {
    console.error(`livekit-sim: ${name} must be a number`);
    process.exit(2);
  }
  return value;
};
let personas: Record<string, Persona>;
try {
  personas = parsePersonaOverrides(env.SIM_PERSONAS ?? "");
} catch (error) {
  console.error(`livekit-sim: SIM_PERSONAS: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
const apiSecret = env.LIVEKIT_SIM_API_SECRET || env.LIVEKIT_API_SECRET;
if (!apiSecret) {
  console.error("livekit-sim: LIVEKIT_SIM_API_SECRET is required (npm start generates one)");
  process.exit(2);
}

const sim = await startLiveKitSim({
  apiKey: env.LIVEKIT_API_KEY || "recourse-sim",
  apiSecret,
  webhookUrl: env.SIM_WEBHOOK_URL || undefined,
  transcriptUrl: env.SIM_TRANSCRIPT_URL || undefined,
  transcriptSecret: env.CALL_TRANSCRIPT_SECRET || undefined,
  sipTrunkIds: [env.SIM_SIP_TRUNK_ID || "ST_recourse_simulator"],
  seed: number("SIM_LIVEKIT_SEED", 1),
  speed: number("SIM_SPEED", 30),
  port: number("SIM_LIVEKIT_PORT", 7880),
  personas,
});
const fixed = Object.keys(personas).length;
console.log(`livekit-sim ready: ${sim.url} (webhooks → ${env.SIM_WEBHOOK_URL || "none"}, speed ×${number("SIM_SPEED", 30)}${fixed ? `, ${fixed} fixed persona(s) from SIM_PERSONAS` : ""})`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void sim.stop().then(() => process.exit(0));
  });
}
