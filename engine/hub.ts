import type { AssignedAction } from "@hatchet-dev/typescript-sdk/protoc/dispatcher/dispatcher";
import type { DurableTaskResponse } from "@hatchet-dev/typescript-sdk/protoc/v1/dispatcher";
import { StreamRelay } from "./streams";

/** An unbounded async queue: producers push, one consumer iterates until closed. */
export class Channel<T> implements AsyncIterable<T> {
  // A head index rather than Array#shift: a backlog of many thousand items (a slow reader) made
  // every shift move the rest of the array.
  private items: T[] = [];
  private head = 0;
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private closed = false;

  push(item: T): void {
    if (this.closed) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: item, done: false });
    } else {
      this.items.push(item);
    }
  }

  close(): void {
    this.closed = true;
    this.waiting?.({ value: undefined, done: true });
    this.waiting = undefined;
  }

  private take(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head]!;
    this.items[this.head++] = undefined as T;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        const item = this.take();
        if (item !== undefined) return Promise.resolve({ value: item, done: false });
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (this.waiting = resolve));
      },
      return: () => {
        this.close();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}

/**
 * The engine's in-process switchboard: which workers are listening right now (their ListenV2
 * streams), who waits for which run, and wake-ups for the scheduler. Durable state is all in
 * PostgreSQL; this only routes, so losing it (a restart) loses nothing.
 */
export class Hub {
  private readonly listeners = new Map<string, Channel<AssignedAction>>();
  private readonly runWaiters = new Map<string, Set<(runId: string) => void>>();
  private readonly durableStreams = new Map<string, Channel<DurableTaskResponse>>();
  private readonly runFinishedListeners: ((runId: string) => void)[] = [];
  readonly streams = new StreamRelay();
  private wakeScheduled = false;
  onWake: () => void = () => undefined;

  attachWorker(workerId: string): Channel<AssignedAction> {
    this.listeners.get(workerId)?.close();
    const channel = new Channel<AssignedAction>();
    this.listeners.set(workerId, channel);
    this.wake();
    return channel;
  }

  detachWorker(workerId: string, channel: Channel<AssignedAction>): void {
    if (this.listeners.get(workerId) === channel) this.listeners.delete(workerId);
    channel.close();
  }

  listeningWorkers(): string[] {
    return [...this.listeners.keys()];
  }

  send(workerId: string, action: AssignedAction): boolean {
    const channel = this.listeners.get(workerId);
    if (!channel) return false;
    channel.push(action);
    return true;
  }

  /** A worker's DurableTask stream: completions for its durable tasks go there. */
  attachDurable(workerId: string, channel: Channel<DurableTaskResponse>): void {
    const previous = this.durableStreams.get(workerId);
    if (previous && previous !== channel) previous.close();
    this.durableStreams.set(workerId, channel);
  }

  detachDurable(workerId: string, channel: Channel<DurableTaskResponse>): void {
    if (this.durableStreams.get(workerId) === channel) this.durableStreams.delete(workerId);
  }

  sendDurable(workerId: string, response: DurableTaskResponse): boolean {
    const channel = this.durableStreams.get(workerId);
    if (!channel) return false;
    channel.push(response);
    return true;
  }

  /** Every run that ends, whoever ended it (durable parents wait for their children this way). */
  onRunFinished(listener: (runId: string) => void): void {
    this.runFinishedListeners.push(listener);
  }

  waitForRun(runId: string, callback: (runId: string) => void): () => void {
    let set = this.runWaiters.get(runId);
    if (!set) this.runWaiters.set(runId, (set = new Set()));
    set.add(callback);
    return () => {
      set.delete(callback);
      if (set.size === 0) this.runWaiters.delete(runId);
    };
  }

  runFinished(runId: string): void {
    this.streams.drop(runId);
    for (const listener of this.runFinishedListeners) listener(runId);
    const set = this.runWaiters.get(runId);
    if (!set) return;
    this.runWaiters.delete(runId);
    for (const callback of set) callback(runId);
  }

  /** Coalesces bursts of wake-ups into one scheduler pass. */
  wake(): void {
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      this.onWake();
    });
  }

  closeAll(): void {
    for (const channel of this.listeners.values()) channel.close();
    this.listeners.clear();
    for (const channel of this.durableStreams.values()) channel.close();
    this.durableStreams.clear();
  }
}
