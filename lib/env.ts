import { z } from "zod";

/**
 * The only reader of process.env. Every setting has a default that works embedded (one machine,
 * no keys); the production profile instead requires the real services, so a missing variable
 * fails the start rather than silently falling back to a simulator.
 */

const port = z.coerce.number().int().min(0).max(65535);
const url = z.url();
const secret = (min: number) => z.string().min(min, `must be at least ${min} characters`);

const BaseSchema = z.object({
  RECOURSE_PROFILE: z.enum(["embedded", "production"]).default("embedded"),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal"]).default("info"),
  RECOURSE_DATA_DIR: z.string().default(".data"),
  PORT: port.default(3000),
  APP_URL: url.optional(),
  SESSION_SECRET: secret(32).optional(),

  /** Set by the supervisor for its children: parts it started itself although their URLs are now set. */
  RECOURSE_EMBEDDED: z.string().default(""),

  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL").optional(),
  /** Connections per process (app, each worker); a worker's busy steps queue for them. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  EMBEDDED_PG_PORT: port.default(54329),

  HATCHET_CLIENT_TOKEN: z.string().optional(),
  HATCHET_CLIENT_HOST_PORT: z.string().optional(),
  HATCHET_CLIENT_API_URL: url.optional(),
  HATCHET_CLIENT_TLS_STRATEGY: z.enum(["tls", "mtls", "none"]).optional(),
  HATCHET_CLIENT_NAMESPACE: z.string().regex(/^[a-z0-9_-]*$/i).optional(),
  ENGINE_GRPC_PORT: port.default(7077),
  ENGINE_REST_PORT: port.default(7078),

  /**
   * The worker (workers/main.ts): its role (workers/roles.ts: which workflows it serves), name,
   * slots and durable slots (sleeping journeys hold one until evicted) — unset, the role's defaults —
   * and the port of its /healthz and /metrics server (0 = any) and the address it listens on.
   */
  RECOURSE_WORKER_ROLE: z.enum(["all-in-one", "voice", "llm", "core"]).default("all-in-one"),
  RECOURSE_WORKER_NAME: z.string().min(1).optional(),
  RECOURSE_WORKER_SLOTS: z.coerce.number().int().min(1).max(10_000).optional(),
  RECOURSE_WORKER_DURABLE_SLOTS: z.coerce.number().int().min(1).max(100_000).optional(),
  RECOURSE_WORKER_HEALTH_PORT: port.default(0),
  /** 127.0.0.1 on one machine; 0.0.0.0 in a container, so Prometheus and the health check reach it. */
  RECOURSE_WORKER_HEALTH_HOST: z.string().min(1).default("127.0.0.1"),

  LIVEKIT_URL: url.optional(),
  LIVEKIT_API_KEY: z.string().optional(),
  LIVEKIT_API_SECRET: z.string().optional(),
  LIVEKIT_SIP_TRUNK_ID: z.string().optional(),
  LIVEKIT_AGENT_NAME: z.string().default("recourse-collector"),
  LIVEKIT_CALLER_ID: z.string().regex(/^\+[1-9]\d{6,14}$/, "must be an E.164 number").optional(),
  LIVEKIT_WEBHOOK_KEY: z.string().optional(),
  /** Calls per second the SIP trunk accepts (carriers cap CPS); the dial step's rate limit in the engine. */
  RECOURSE_TRUNK_DIALS_PER_SECOND: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Seconds the callee's phone rings before the dial counts as no answer (SIP 408). */
  LIVEKIT_RINGING_TIMEOUT_S: z.coerce.number().int().min(5).max(120).default(30),
  /** Hard cap on a call's length, so a call started before 20:45 local ends before 21:00 (1006.6(b)(1)(i)). */
  LIVEKIT_MAX_CALL_DURATION_S: z.coerce.number().int().min(60).max(3_600).default(900),
  /** Room-composite audio recording (auto egress) path template; "off" records nothing. */
  LIVEKIT_RECORDING_FILEPATH: z.string().default("recordings/{room_name}-{time}.ogg"),
  /** HMAC key of the voice agent's transcript posts (POST /api/calls/transcripts). */
  CALL_TRANSCRIPT_SECRET: secret(16).optional(),
  /** Largest transcript post accepted, in bytes (larger ones get 413). */
  CALL_TRANSCRIPT_MAX_BYTES: z.coerce.number().int().min(1_024).default(262_144),
  /** API secret the embedded call simulator and the app share (the supervisor generates one). */
  LIVEKIT_SIM_API_SECRET: secret(32).optional(),
  SIM_LIVEKIT_PORT: port.default(7880),
  SIM_LIVEKIT_SEED: z.coerce.number().int().default(1),
  SIM_SPEED: z.coerce.number().positive().default(30),

  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: url.optional(),
  OPENAI_MODEL: z.string().default("gpt-4o-mini"),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** Retries the openai client makes itself (429, 5xx, network) before a task's own retries take over. */
  OPENAI_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  /** Port of the OpenAI-compatible stand-in (`npm run dev:sim:openai`). */
  SIM_OPENAI_PORT: port.default(7881),

  PAYMENT_WEBHOOK_SECRET: secret(16).optional(),

  /** Compliance gate guards (lib/compliance/policy.ts); the legal limits themselves are fixed in code. */
  COMPLIANCE_MAX_CALL_MINUTES: z.coerce.number().int().min(1).max(120).default(15),
  COMPLIANCE_MIN_GAP_MINUTES: z.coerce.number().int().min(5).max(1440).default(30),
  COMPLIANCE_MAX_ATTEMPTS_PER_DEBT_PER_DAY: z.coerce.number().int().min(1).max(7).default(3),
  OUTBOX_RELAY_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  OUTBOX_RELAY_IDLE_MS: z.coerce.number().int().min(10).default(500),
});

type Raw = z.infer<typeof BaseSchema>;

/** Every variable lib/env.ts reads (deployment files are checked against it). */
export const ENV_KEYS: readonly string[] = Object.keys(BaseSchema.shape);

/** Variables that must be set together: half a LiveKit configuration is a mistake, not a choice. */
const GROUPS: Record<string, (keyof Raw)[]> = {
  LiveKit: ["LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET", "LIVEKIT_SIP_TRUNK_ID", "LIVEKIT_CALLER_ID"],
  Hatchet: ["HATCHET_CLIENT_TOKEN"],
};

/** Required in the production profile: there, nothing may fall back to an embedded part or a simulator. */
const PRODUCTION_REQUIRED: (keyof Raw)[] = [
  "DATABASE_URL",
  "HATCHET_CLIENT_TOKEN",
  "LIVEKIT_URL",
  "LIVEKIT_API_KEY",
  "LIVEKIT_API_SECRET",
  "LIVEKIT_SIP_TRUNK_ID",
  "LIVEKIT_CALLER_ID",
  "OPENAI_API_KEY",
  "SESSION_SECRET",
  "PAYMENT_WEBHOOK_SECRET",
  "CALL_TRANSCRIPT_SECRET",
  "APP_URL",
];

export type Env = Raw & {
  /** Which part runs where: the supervisor prints it and starts the embedded parts it needs. */
  readonly modes: {
    readonly database: "embedded" | "external";
    readonly hatchet: "embedded" | "external";
    readonly livekit: "simulator" | "external";
    readonly llm: "offline-rules" | "openai";
  };
};

export class EnvError extends Error {
  override readonly name = "EnvError";
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Parses a whole environment, reporting every invalid or missing variable at once. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings count as unset, as in a .env file with `KEY=`.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const parsed = BaseSchema.safeParse(cleaned);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(problems);
  }
  const env = parsed.data;
  for (const [name, keys] of Object.entries(GROUPS)) {
    const set = keys.filter((k) => env[k] !== undefined);
    if (set.length > 0 && set.length < keys.length) {
      const missing = keys.filter((k) => env[k] === undefined);
      problems.push(`${missing.join(", ")}: required when ${set.join(", ")} ${set.length === 1 ? "is" : "are"} set (${name} settings go together)`);
    }
  }
  if (env.HATCHET_CLIENT_TOKEN && !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(env.HATCHET_CLIENT_TOKEN)) {
    problems.push("HATCHET_CLIENT_TOKEN: must be a JWT (three dot-separated parts)");
  }
  if (env.RECOURSE_PROFILE === "production") {
    for (const key of PRODUCTION_REQUIRED) if (env[key] === undefined) problems.push(`${key}: required when RECOURSE_PROFILE=production`);
  }
  if (problems.length > 0) throw new EnvError(problems);
  const embedded = new Set(env.RECOURSE_EMBEDDED.split(",").map((part) => part.trim()));
  return {
    ...env,
    modes: {
      database: env.DATABASE_URL && !embedded.has("database") ? "external" : "embedded",
      hatchet: env.HATCHET_CLIENT_TOKEN && !embedded.has("hatchet") ? "external" : "embedded",
      livekit: env.LIVEKIT_URL ? "external" : "simulator",
      llm: env.OPENAI_API_KEY ? "openai" : "offline-rules",
    },
  };
}

let cached: Env | undefined;

/** The process's configuration, parsed once. Code under unit test receives config as arguments instead. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
