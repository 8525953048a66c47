import { db, type Db } from "../lib/db";
import { env } from "../lib/env";
import { liveKitConfigFromEnv } from "../lib/integrations/livekit/config";
import { createLiveKitTelephony } from "../lib/integrations/livekit/adapter";
import type { Telephony } from "../lib/integrations/livekit/port";
import { createCallSummarizer } from "../lib/integrations/llm/create-summarizer";
import type { CallSummarizer } from "../lib/integrations/llm/port";

/** What the workflows' steps act on: the database and the two outside services. */
export interface WorkflowDeps {
  db: Db;
  telephony: Telephony;
  summarizer: CallSummarizer;
  /** Business time: wall time in production; the engine's virtual clock in simulations and tests. */
  now: () => Date;
  /** True when `now` is a virtual clock: then the compliance gate reads it too (else the database clock). */
  virtualClock?: boolean;
}

let current: WorkflowDeps | undefined;

/** Built from lib/env.ts on first use; tests and the simulation pass their own. */
export function workflowDeps(): WorkflowDeps {
  current ??= (() => {
    const settings = env();
    return { db: db(), telephony: createLiveKitTelephony(liveKitConfigFromEnv(settings)), summarizer: createCallSummarizer(settings), now: () => new Date() };
  })();
  return current;
}

export function setWorkflowDeps(deps: WorkflowDeps): void {
  current = deps;
}
