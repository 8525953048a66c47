import type pino from "pino";
import { logger } from "../observability/logger";

/** The API's structured log (object first): the process logger, secrets redacted, lines named "api". */
let api: pino.Logger | undefined;

export function apiLog(): pino.Logger {
  api ??= logger().child({ name: "api" });
  return api;
}
