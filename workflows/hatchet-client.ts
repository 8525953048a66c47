import { HatchetClient } from "@hatchet-dev/typescript-sdk/v1";

/**
 * The process's Hatchet client, from the HATCHET_CLIENT_* variables: the embedded engine's (which
 * `npm start` sets) or a real Hatchet's. Workflows are declared on it; workers and triggers use it.
 */
export const hatchet = HatchetClient.init();
