import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { FaultQueue } from "./faults";
import { schemaViolations, strictSchemaProblem } from "./json-schema";

/**
 * An OpenAI-compatible stand-in: `POST /v1/chat/completions` with bearer auth, structured outputs
 * (`response_format: json_schema`, strict schemas judged as OpenAI judges them), `usage`, and
 * OpenAI's error bodies. It knows nothing of what it is asked: a `respond` function given by the
 * caller plays the model, and a fault queue makes it misbehave on demand.
 */

const ChatRequestSchema = z.object({
  model: z.string().min(1),
  messages: z.array(z.object({ role: z.string(), content: z.unknown().optional() }).loose()).min(1),
  response_format: z
    .union([
      z.object({ type: z.literal("text") }),
      z.object({ type: z.literal("json_object") }),
      z.object({ type: z.literal("json_schema"), json_schema: z.object({ name: z.string().min(1).max(64), schema: z.record(z.string(), z.unknown()), strict: z.boolean().nullish() }).loose() }),
    ])
    .optional(),
}).loose();
export type ChatRequest = z.infer<typeof ChatRequestSchema>;

/** Plays the model: returns the message content (a string), or a JSON value the stand-in serializes. */
export type Responder = (request: ChatRequest) => unknown;

export interface OpenAiSimOptions {
  /** 0 picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** The bearer token clients must send. */
  readonly apiKey: string;
  readonly respond: Responder;
  /** Largest request body accepted, in bytes. */
  readonly maxBodyBytes?: number;
}

export interface OpenAiSim {
  /** Base URL for an OpenAI client, ending in /v1. */
  readonly url: string;
  readonly faults: FaultQueue;
  /** Every chat-completion request received, faulted or not, in order. */
  readonly requests: ChatRequest[];
  stop(): Promise<void>;
}

interface OpenAiError {
  message: string;
  type: string;
  code?: string | null;
  param?: string | null;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, error: OpenAiError, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error: { message: error.message, type: error.type, param: error.param ?? null, code: error.code ?? null } }, headers);
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Rough token count (4 characters a token): deterministic, and in the range real tokenizers give for English. */
const tokens = (text: string) => Math.ceil(text.length / 4);

function completion(request: ChatRequest, content: string) {
  const promptTokens = tokens(JSON.stringify(request.messages));
  const completionTokens = tokens(content);
  return {
    id: `chatcmpl-${randomBytes(12).toString("hex")}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    system_fingerprint: "fp_sim",
    choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: "stop" }],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}

/** Starts the stand-in; resolves once it listens. */
export async function startOpenAiSim(options: OpenAiSimOptions): Promise<OpenAiSim> {
  const faults = new FaultQueue();
  const requests: ChatRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const wait = (ms: number) => new Promise<void>((resolve) => timers.add(setTimeout(resolve, ms)));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://sim").pathname;
    if (req.method !== "POST" || path !== "/v1/chat/completions") {
      return sendError(res, 404, { message: `Unknown request URL: ${req.method} ${path}.`, type: "invalid_request_error", code: "unknown_url" });
    }
    if (req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendError(res, 401, { message: "Incorrect API key provided.", type: "invalid_request_error", code: "invalid_api_key" });
    }
    const text = await readBody(req, options.maxBodyBytes ?? 4_000_000);
    if (text === undefined) return sendError(res, 413, { message: "Request body too large.", type: "invalid_request_error" });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return sendError(res, 400, { message: "We could not parse the JSON body of your request.", type: "invalid_request_error" });
    }
    const parsed = ChatRequestSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return sendError(res, 400, { message: `Invalid request: ${issue?.message ?? "bad body"}`, type: "invalid_request_error", param: issue?.path.join(".") ?? null });
    }
    const request = parsed.data;
    requests.push(request);
    const format = request.response_format?.type === "json_schema" ? request.response_format.json_schema : undefined;
    const schemaProblem = format?.strict ? strictSchemaProblem(format.schema) : undefined;
    if (format && schemaProblem) {
      return sendError(res, 400, { message: `Invalid schema for response_format '${format.name}': ${schemaProblem}`, type: "invalid_request_error", param: "response_format", code: "invalid_json_schema" });
    }

    const fault = faults.take();
    if (fault?.kind === "status") {
      const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { "retry-after": String(fault.retryAfterSeconds) } : {};
      return sendError(res, fault.status, { message: fault.message ?? `Injected ${fault.status}.`, type: fault.type ?? "server_error", code: fault.code ?? null }, headers);
    }
    if (fault?.kind === "disconnect") return void req.socket.destroy();
    if (fault?.kind === "content") return sendJson(res, 200, completion(request, fault.content));
    if (fault?.kind === "delay") await wait(fault.ms);

    let output: unknown;
    try {
      output = await options.respond(request);
    } catch (error) {
      return sendError(res, 400, { message: `The model cannot answer this request: ${error instanceof Error ? error.message : String(error)}`, type: "invalid_request_error" });
    }
    if (format?.strict) {
      // Real strict mode constrains decoding, so its output always fits; a responder that does not is a bug in the test.
      const violations = schemaViolations(output, format.schema);
      if (violations.length > 0) return sendError(res, 500, { message: `The stand-in's responder broke the schema: ${violations.slice(0, 3).join("; ")}`, type: "server_error" });
    }
    sendJson(res, 200, completion(request, typeof output === "string" ? output : JSON.stringify(output)));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => sendError(res, 500, { message: `Stand-in failure: ${String(error)}`, type: "server_error" }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${address.port}/v1`,
    faults,
    requests,
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
