import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import { logger, taskLogger } from "./logger";

/** A logger writing into an array of parsed JSON lines. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: logger({ destination }), lines };
}

test("a step's lines carry its run, task and account ids, as JSON with an ISO time", () => {
  const { log, lines } = capture();
  taskLogger({ runId: "run-1", task: "call-dial", accountId: "acc-1", attemptId: "att-1" }, log).info({ status: "answered" }, "dial finished");
  assert.equal(lines.length, 1);
  const [line] = lines;
  assert.equal(line!.msg, "dial finished");
  assert.equal(line!.runId, "run-1");
  assert.equal(line!.task, "call-dial");
  assert.equal(line!.accountId, "acc-1");
  assert.equal(line!.attemptId, "att-1");
  assert.equal(line!.service, "recourse");
  assert.match(String(line!.time), /^\d{4}-\d{2}-\d{2}T/);
  assert.ok(!("enrollmentId" in line!), "absent ids are left out, not logged as undefined");
});

test("credentials, connection strings and phone numbers are redacted wherever a caller puts them", () => {
  const { log, lines } = capture();
  log.info(
    {
      password: "hunter2",
      token: "eyJhbGciOi.secret.part",
      headers: { authorization: "Bearer rk_live_123", cookie: "session=abc" },
      config: { DATABASE_URL: "postgresql://u:pw@db/recourse", OPENAI_API_KEY: "sk-live", secret: "s3cr3t" },
      call: { phoneNumber: "+12125550123" },
      HATCHET_CLIENT_TOKEN: "jwt.jwt.jwt",
    },
    "configuration loaded",
  );
  const text = JSON.stringify(lines);
  for (const secret of ["hunter2", "eyJhbGciOi", "rk_live_123", "session=abc", "u:pw@db", "sk-live", "s3cr3t", "+12125550123", "jwt.jwt.jwt"]) {
    assert.ok(!text.includes(secret), `${secret} leaked: ${text}`);
  }
  assert.equal((lines[0]!.headers as Record<string, unknown>).authorization, "[redacted]");
  assert.equal(lines[0]!.msg, "configuration loaded", "the rest of the line is kept");
});
