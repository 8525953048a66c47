import { ResourceEventType, ResourceType, type WorkflowEvent } from "@hatchet-dev/typescript-sdk/protoc/dispatcher/dispatcher";
import type { Channel } from "./hub";

/** Chunks kept per running run, so a subscriber that arrives late still reads the stream from its start. */
const MAX_BUFFERED_CHUNKS = 10_000;

interface RunStream {
  chunks: WorkflowEvent[];
  subscribers: Set<Channel<WorkflowEvent>>;
}

/**
 * Relays `ctx.putStream` chunks to SubscribeToWorkflowEvents callers (spec §9.3). Like Hatchet,
 * streams are ephemeral: they live in memory while the run runs and are dropped when it ends.
 */
export class StreamRelay {
  private readonly runs = new Map<string, RunStream>();

  private stream(runId: string): RunStream {
    let stream = this.runs.get(runId);
    if (!stream) this.runs.set(runId, (stream = { chunks: [], subscribers: new Set() }));
    return stream;
  }

  publish(runId: string, taskId: string, message: Uint8Array, eventIndex: number | undefined, at: Date): void {
    const stream = this.stream(runId);
    const event: WorkflowEvent = {
      workflowRunId: runId,
      resourceType: ResourceType.RESOURCE_TYPE_STEP_RUN,
      eventType: ResourceEventType.RESOURCE_EVENT_TYPE_STREAM,
      resourceId: taskId,
      eventTimestamp: at,
      eventPayload: Buffer.from(message).toString("utf8"),
      hangup: false,
      eventIndex,
    };
    if (stream.chunks.length < MAX_BUFFERED_CHUNKS) stream.chunks.push(event);
    for (const subscriber of stream.subscribers) subscriber.push(event);
  }

  /** Replays what the run has streamed so far, then forwards new chunks; returns the detach function. */
  subscribe(runId: string, channel: Channel<WorkflowEvent>): () => void {
    const stream = this.stream(runId);
    for (const chunk of stream.chunks) channel.push(chunk);
    stream.subscribers.add(channel);
    return () => {
      stream.subscribers.delete(channel);
      if (stream.subscribers.size === 0 && this.runs.get(runId) === stream && stream.chunks.length === 0) this.runs.delete(runId);
    };
  }

  /** The run ended; its subscribers are hung up by their own calls (they know the final status). */
  drop(runId: string): void {
    this.runs.delete(runId);
  }
}

const TERMINAL: Record<string, ResourceEventType> = {
  COMPLETED: ResourceEventType.RESOURCE_EVENT_TYPE_COMPLETED,
  FAILED: ResourceEventType.RESOURCE_EVENT_TYPE_FAILED,
  CANCELLED: ResourceEventType.RESOURCE_EVENT_TYPE_CANCELLED,
};

/** The last event of a run's stream: the SDK stops reading only when it sees `hangup`. */
export function terminalEvent(runId: string, status: string, at: Date): WorkflowEvent | undefined {
  const eventType = TERMINAL[status];
  if (eventType === undefined) return undefined;
  return { workflowRunId: runId, resourceType: ResourceType.RESOURCE_TYPE_WORKFLOW_RUN, eventType, resourceId: runId, eventTimestamp: at, eventPayload: "", hangup: true };
}
