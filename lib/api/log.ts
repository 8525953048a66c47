import pino from "pino";
import { env } from "../env";

let logger: pino.Logger | undefined;

/** The API's structured log (object first); level from LOG_LEVEL. */
export function apiLog(): pino.Logger {
  logger ??= pino({ name: "api", level: env().LOG_LEVEL });
  return logger;
}
