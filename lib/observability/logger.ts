import pino from "pino";
import { env } from "../env";

/**
 * Paths pino blanks out wherever they appear (one level deep, and in `err`/`req` objects): a
 * credential must never reach the log pipeline, whatever a caller passes in.
 */
export const REDACTED_PATHS = [
  "password", "*.password", "token", "*.token", "secret", "*.secret", "apiKey", "*.apiKey", "key", "*.key",
  "authorization", "*.authorization", "cookie", "*.cookie", "headers.authorization", "headers.cookie",
  "req.headers.authorization", "req.headers.cookie", "HATCHET_CLIENT_TOKEN", "*.HATCHET_CLIENT_TOKEN",
  "SESSION_SECRET", "*.SESSION_SECRET", "OPENAI_API_KEY", "*.OPENAI_API_KEY", "LIVEKIT_API_SECRET", "*.LIVEKIT_API_SECRET",
  "DATABASE_URL", "*.DATABASE_URL", "phoneNumber", "*.phoneNumber",
];

let root: pino.Logger | undefined;

/**
 * The process's structured JSON log (stdout, one object per line, level from LOG_LEVEL). Promtail
 * ships these lines to Loki; `runId`, `task` and `accountId` are fields, so a run's lines can be
 * found across processes.
 */
export function logger(options: { destination?: pino.DestinationStream } = {}): pino.Logger {
  if (options.destination) return createLogger(options.destination);
  root ??= createLogger();
  return root;
}

function createLogger(destination?: pino.DestinationStream): pino.Logger {
  const settings = env();
  // Workers add their role and name with setBindings at start; Promtail turns `role` into a Loki label.
  const base = { service: "recourse" };
  const options: pino.LoggerOptions = { level: settings.LOG_LEVEL, base, redact: { paths: REDACTED_PATHS, censor: "[redacted]" }, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}

/** The ids a workflow step's lines carry: the Hatchet run, the task, and the account it acts on. */
export interface TaskLogContext {
  runId: string;
  task: string;
  accountId?: string;
  attemptId?: string;
  enrollmentId?: string;
}

/** A child logger whose every line carries the step's run, task and account ids. */
export function taskLogger(context: TaskLogContext, parent: pino.Logger = logger()): pino.Logger {
  return parent.child(Object.fromEntries(Object.entries(context).filter(([, v]) => v !== undefined)));
}
