/**
 * Groups concurrent requests into one unit of work: while batches are being written, new requests
 * queue up and go together in the next one. Under load that turns hundreds of small transactions
 * into a few large ones; when idle a request goes alone at once (no added delay).
 *
 * `run` returns one result per item, or an Error for an item that alone is at fault. If it throws,
 * the batch is retried item by item, so one bad item never fails the others.
 */
export class Batcher<Item, Result> {
  private queue: { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;

  /** `concurrency` batches may be written at once: one waits on PostgreSQL while the next is built. */
  constructor(
    private readonly run: (items: Item[]) => Promise<(Result | Error)[]>,
    private readonly options: { maxBatch: number; concurrency: number } = { maxBatch: 500, concurrency: 2 },
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    while (this.inFlight < this.options.concurrency && this.queue.length > 0) {
      this.inFlight++;
      void this.runBatch().finally(() => {
        this.inFlight--;
        this.kick();
      });
    }
  }

  private async runBatch(): Promise<void> {
    // Requests arriving in the same turn of the event loop share the batch.
    await new Promise((resolve) => setImmediate(resolve));
    const batch = this.queue.splice(0, this.options.maxBatch);
    if (batch.length === 0) return;
    try {
      const results = await this.run(batch.map((entry) => entry.item));
      batch.forEach((entry, i) => settle(entry, results[i]));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const entry of batch) {
        try {
          settle(entry, (await this.run([entry.item]))[0]);
        } catch (single) {
          entry.reject(single);
        }
      }
    }
  }
}

function settle<Result>(entry: { resolve: (result: Result) => void; reject: (error: unknown) => void }, result: Result | Error | undefined): void {
  if (result instanceof Error) entry.reject(result);
  else entry.resolve(result as Result);
}
