/**
 * The worker roles of a scaled-out stack, without the workflows (so deployment checks can read them
 * without building an SDK client). docker-compose.yml has one `worker-<role>` service per role;
 * lib/env.ts accepts them, plus `all-in-one`, in RECOURSE_WORKER_ROLE.
 */
export const SCALED_ROLES = ["voice", "llm", "core"] as const;
export type ScaledRole = (typeof SCALED_ROLES)[number];
export type WorkerRole = ScaledRole | "all-in-one";
