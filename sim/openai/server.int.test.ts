import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { startOpenAiSim, type OpenAiSim } from "./server";

const KEY = "sk-sim";
const schema = {
  type: "object",
  additionalProperties: false,
  required: ["answer", "note"],
  properties: { answer: { type: "string", enum: ["yes", "no"] }, note: { type: ["string", "null"] } },
};

describe("sim/openai over plain HTTP", () => {
  let sim: OpenAiSim;
  let reply: unknown = { answer: "yes", note: null };

  const post = (body: unknown, key = KEY) =>
    fetch(`${sim.url}/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });
  const ask = (format: unknown = { type: "json_schema", json_schema: { name: "answer", strict: true, schema } }) =>
    post({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Is it?" }], response_format: format });

  before(async () => {
    sim = await startOpenAiSim({ port: 0, apiKey: KEY, respond: () => reply });
  });
  after(() => sim.stop());
  beforeEach(() => {
    reply = { answer: "yes", note: null };
    sim.faults.clear();
    sim.requests.length = 0;
  });

  test("answers a chat completion with the responder's JSON as content, and usage", async () => {
    const res = await ask();
    assert.equal(res.status, 200);
    const body = (await res.json()) as { object: string; model: string; choices: { message: { content: string }; finish_reason: string }[]; usage: Record<string, number> };
    assert.equal(body.object, "chat.completion");
    assert.equal(body.model, "gpt-4o-mini");
    assert.deepEqual(JSON.parse(body.choices[0]?.message.content ?? ""), { answer: "yes", note: null });
    assert.equal(body.choices[0]?.finish_reason, "stop");
    assert.equal(body.usage.total_tokens, (body.usage.prompt_tokens ?? 0) + (body.usage.completion_tokens ?? 0));
    assert.ok((body.usage.completion_tokens ?? 0) > 0);
    assert.equal(sim.requests.length, 1);
  });

  test("OpenAI error bodies: wrong key 401, unknown path 404, bad JSON 400", async () => {
    const unauthorized = await post({ model: "m", messages: [{ role: "user", content: "x" }] }, "sk-other");
    assert.equal(unauthorized.status, 401);
    assert.deepEqual(await unauthorized.json(), { error: { message: "Incorrect API key provided.", type: "invalid_request_error", param: null, code: "invalid_api_key" } });
    const missing = await fetch(`${sim.url}/embeddings`, { method: "POST", headers: { authorization: `Bearer ${KEY}` } });
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { error: { code: string } }).error.code, "unknown_url");
    const bad = await post("{not json");
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { type: string } }).error.type, "invalid_request_error");
  });

  test("a strict schema OpenAI would refuse is refused with 400", async () => {
    const loose = { ...schema, required: ["answer"] };
    const res = await ask({ type: "json_schema", json_schema: { name: "answer", strict: true, schema: loose } });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: { param: string; message: string } };
    assert.equal(body.error.param, "response_format");
    assert.match(body.error.message, /Missing 'note'/);
  });

  test("a responder that breaks the strict schema is reported as a stand-in bug, not passed on", async () => {
    reply = { answer: "maybe", note: null, extra: 1 };
    const res = await ask();
    assert.equal(res.status, 500);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /enum values.*extra: not allowed/);
  });

  test("faults are taken in order, one per request, then normal service resumes", async () => {
    sim.faults.rateLimit(7).serverError(503).content("not json").push({ kind: "disconnect" });
    const limited = await ask();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("retry-after"), "7");
    assert.equal(((await limited.json()) as { error: { code: string } }).error.code, "rate_limit_exceeded");
    assert.equal((await ask()).status, 503);
    const raw = (await (await ask()).json()) as { choices: { message: { content: string } }[] };
    assert.equal(raw.choices[0]?.message.content, "not json");
    await assert.rejects(ask());
    assert.equal(sim.faults.pending, 0);
    assert.equal((await ask()).status, 200);
    assert.equal(sim.requests.length, 5);
  });
});
