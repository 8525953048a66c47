import { createHmac } from "node:crypto";
import { signWebhook } from "./auth";

export type DeliveryStatus = number | "error";

/**
 * POSTs with LiveKit's notifier policy: retry a network error or a 5xx (go-retryablehttp), never a 4xx.
 * Returns the last status, or "error" when the receiver could not be reached at all.
 */
async function postWithRetry(url: string, body: string, headers: Record<string, string>, backoffMs: number): Promise<DeliveryStatus> {
  let last: DeliveryStatus = "error";
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const response = await fetch(url, { method: "POST", body, headers, signal: AbortSignal.timeout(10_000) });
      await response.body?.cancel();
      last = response.status;
      if (response.status < 500) return last;
    } catch {
      last = "error";
    }
    await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** attempt));
  }
  return last;
}

/** A webhook signed like LiveKit's: `Authorization: <jwt with sha256 of the body>`, application/webhook+json. */
export async function deliverWebhook(url: string, event: Record<string, unknown>, apiKey: string, apiSecret: string): Promise<DeliveryStatus> {
  const body = JSON.stringify(event);
  const token = await signWebhook(body, apiKey, apiSecret);
  return postWithRetry(url, body, { authorization: token, "content-type": "application/webhook+json", "user-agent": "LiveKit-Sim" }, 100);
}

/** The agent's transcript post: `x-recourse-signature: t=<unix s>,v1=<hex HMAC-SHA256 of "t.body">`. */
export async function deliverTranscript(url: string, transcript: Record<string, unknown>, secret: string): Promise<DeliveryStatus> {
  const body = JSON.stringify(transcript);
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return postWithRetry(url, body, { "content-type": "application/json", "x-recourse-signature": `t=${t},v1=${v1}` }, 100);
}
