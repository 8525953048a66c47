/**
 * `npm run dev:sim`: the LiveKit call simulator on its own. Configuration comes from the
 * environment (the supervisor passes it); secrets never travel on the command line.
 *
 *   SIM_LIVEKIT_PORT (7880)          port of the Twirp API (LIVEKIT_URL of the app)
 *   LIVEKIT_API_KEY, LIVEKIT_SIM_API_SECRET   key pair the app signs with and webhooks are signed with
 *   SIM_WEBHOOK_URL                  the app's /api/webhooks/livekit
 *   SIM_TRANSCRIPT_URL, CALL_TRANSCRIPT_SECRET   the app's /api/calls/transcripts and its HMAC key
 *   SIM_LIVEKIT_SEED (1), SIM_SPEED (30), SIM_SIP_TRUNK_ID
 */
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
});
console.log(`livekit-sim ready: ${sim.url} (webhooks → ${env.SIM_WEBHOOK_URL || "none"}, speed ×${number("SIM_SPEED", 30)})`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void sim.stop().then(() => process.exit(0));
  });
}
