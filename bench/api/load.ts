/**
 * The load generator of `npm run bench:api`: HTTP/1.1 keep-alive requests from this process to the
 * server process. Open loop: a fixed schedule, each request timed from its scheduled start, so a
 * stall of the server (or of this generator) shows in the latency instead of slowing the schedule
 * down (no coordinated omission). Closed loop: N clients, each sending when its last one answered.
 */
import { Agent, request } from "node:http";

export type Next = (i: number) => [method: string, path: string, body?: string];
export interface Sample { latencies: number[]; errors: number; elapsedMs: number }

export function httpClient(port: number, key: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  /** Status and body text; `keep: false` drains the body unread (the load runs: decoding it would be the generator's CPU, not the server's). */
  const call = (method: string, path: string, body: string | undefined, keep: boolean): Promise<{ status: number; text: string }> =>
    new Promise((resolve, reject) => {
      const headers = { authorization: `Bearer ${key}`, ...(body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {}) };
      const req = request({ host: "127.0.0.1", port, method, path, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        if (keep) res.on("data", (chunk: Buffer) => chunks.push(chunk));
        else res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: keep ? Buffer.concat(chunks).toString("utf8") : "" }));
      });
      req.on("error", reject);
      req.end(body);
    });
  return {
    send: (method: string, path: string, body?: string) => call(method, path, body, false),
    fetchText: (method: string, path: string) => call(method, path, undefined, true),
    close: () => agent.destroy(),
  };
}

type Send = ReturnType<typeof httpClient>["send"];

/** `rps` requests a second for `seconds`, each timed from its scheduled start. */
export async function openLoop(send: Send, rps: number, seconds: number, next: Next): Promise<Sample> {
  const latencies: number[] = [];
  let errors = 0;
  const total = rps * seconds;
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const scheduled = start + (i * 1000) / rps;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const [method, path, body] = next(i);
    inflight.push(send(method, path, body).then(({ status }) => {
      latencies.push(performance.now() - scheduled);
      if (status >= 300) errors++;
    }));
  }
  await Promise.all(inflight);
  return { latencies, errors, elapsedMs: performance.now() - start };
}

/** `concurrency` clients for `seconds`, each sending its next request when the last one answers. */
export async function closedLoop(send: Send, concurrency: number, seconds: number, next: Next): Promise<Sample> {
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) {
      const [method, path, body] = next(i++);
      const t = performance.now();
      const { status } = await send(method, path, body);
      latencies.push(performance.now() - t);
      if (status >= 300) errors++;
    }
  }));
  return { latencies, errors, elapsedMs: performance.now() - start };
}
