import { db } from "@/lib/db";
import { campaignProgress } from "@/lib/reporting/campaign-progress";
import { guardRoute } from "../../../../_auth/route-guard";

export const dynamic = "force-dynamic";

/** How often the stream re-reads the database: live enough for an operator, cheap for PostgreSQL. */
const POLL_MS = 2_000;
/** Browsers reconnect on their own; ending streams bounds how long a revoked session keeps reading. */
const MAX_STREAM_MS = 5 * 60_000;

/** Server-sent events: the campaign's progress whenever it changes (polled from the database). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const guard = await guardRoute("viewer", new URL(request.url).pathname);
  if (guard instanceof Response) return guard;
  const { id } = await params;
  const first = await campaignProgress(db(), id);
  if (!first) return Response.json({ type: "https://recourse.dev/problems/not-found", title: "Not found", status: 404, detail: "No such campaign.", code: "NOT_FOUND" }, { status: 404, headers: { "content-type": "application/problem+json" } });

  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const started = Date.now();
      let last = "";
      const send = (progress: typeof first) => {
        const { readAt: _readAt, ...comparable } = progress;
        const key = JSON.stringify(comparable);
        // Unchanged numbers send a comment only: keeps proxies from closing an idle stream.
        controller.enqueue(encoder.encode(key === last ? `: unchanged\n\n` : `event: progress\ndata: ${JSON.stringify(progress)}\n\n`));
        last = key;
      };
      send(first);
      const tick = async () => {
        if (request.signal.aborted) return;
        if (Date.now() - started > MAX_STREAM_MS) return controller.close();
        try {
          const next = await campaignProgress(db(), id);
          if (next) send(next);
          timer = setTimeout(() => void tick(), POLL_MS);
        } catch {
          controller.close();
        }
      };
      timer = setTimeout(() => void tick(), POLL_MS);
      request.signal.addEventListener("abort", () => {
        clearTimeout(timer);
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel() {
      clearTimeout(timer);
    },
  });
  return new Response(stream, { headers: { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive", "x-accel-buffering": "no" } });
}
