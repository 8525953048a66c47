/** Where the engine reads time. Tests (and later, virtual time) inject their own. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
