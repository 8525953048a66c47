/**
 * Runs work in lanes: jobs of one lane one after another, in arrival order; jobs of different
 * lanes side by side, at most `limit` at once. The DurableTask stream of one worker carries the
 * requests of every durable task on it; the SDK matches acks by task and invocation and a task
 * waits for each ack before its next request, so only one task's requests need to keep their
 * order. Handling the whole stream one request at a time made every durable task on a worker
 * wait for all the others' transactions (a launch's thousand journeys queued behind each other).
 */
export class TaskLanes {
  private readonly tails = new Map<string, Promise<void>>();
  private active = 0;
  private readonly room: (() => void)[] = [];

  /** `onError` hears a job that threw; the lane goes on with the next job. */
  constructor(
    private readonly limit: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Queues `job` on `lane`; resolves once the job has been admitted (not finished), for back-pressure. */
  async submit(lane: string, job: () => Promise<void>): Promise<void> {
    while (this.active >= this.limit) await new Promise<void>((resolve) => this.room.push(resolve));
    this.active++;
    const previous = this.tails.get(lane) ?? Promise.resolve();
    const tail = previous.then(job).catch(this.onError).finally(() => {
      this.active--;
      this.room.shift()?.();
      if (this.tails.get(lane) === tail) this.tails.delete(lane);
    });
    this.tails.set(lane, tail);
  }

  /** Resolves when everything submitted so far has finished. */
  async drained(): Promise<void> {
    await Promise.all([...this.tails.values()]);
  }
}
