import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded";
import { findFreePort } from "./ports";

const root = mkdtempSync(join(tmpdir(), "recourse-pg-life-"));
chmodSync(root, 0o755);
after(() => rmSync(root, { recursive: true, force: true }));

async function query(url: string, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL lifecycle", () => {
  test("initialises, keeps data across a restart, and stops cleanly", async () => {
    const dataDir = join(root, "persist");
    const first = await startEmbeddedPostgres({ dataDir, port: 0 });
    const [version] = await query(first.url, "SHOW server_version");
    assert.match(String(version?.server_version), /^18\./);
    await query(first.url, "CREATE TABLE kept (v text)");
    await query(first.url, "INSERT INTO kept VALUES ('still here')");
    await first.stop();
    assert.equal(existsSync(join(dataDir, "postmaster.pid")), false, "a clean stop removes the lock file");

    const second = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      assert.deepEqual(await query(second.url, "SELECT v FROM kept"), [{ v: "still here" }]);
    } finally {
      await second.stop();
    }
  });

  test("recovers after a crash that left the postmaster's lock file behind", async () => {
    const dataDir = join(root, "crash");
    const cluster = await startEmbeddedPostgres({ dataDir, port: 0 });
    await query(cluster.url, "CREATE TABLE survived (v int)");
    await query(cluster.url, "INSERT INTO survived VALUES (42)");
    const lock = readFileSync(join(dataDir, "postmaster.pid"), "utf8");
    const pid = Number(lock.split("\n")[0]);
    process.kill(pid, "SIGKILL"); // what a power cut or kill -9 leaves: no shutdown checkpoint
    await cluster.stop().catch(() => undefined);
    // Point the stale lock at a live process that is not a postmaster, the case Postgres refuses by itself.
    const impostor = spawn("sleep", ["60"]);
    writeFileSync(join(dataDir, "postmaster.pid"), lock.replace(/^\d+/, String(impostor.pid)));
    try {
      const restarted = await startEmbeddedPostgres({ dataDir, port: 0 });
      try {
        assert.deepEqual(await query(restarted.url, "SELECT v FROM survived"), [{ v: 42 }]);
      } finally {
        await restarted.stop();
      }
    } finally {
      impostor.kill();
    }
  });

  test("stops an orphaned postmaster that still holds the cluster", async () => {
    const dataDir = join(root, "orphan");
    const orphan = await startEmbeddedPostgres({ dataDir, port: 0 });
    // A new supervisor starts while the old postmaster runs (its parent was killed with -9).
    const next = await startEmbeddedPostgres({ dataDir, port: 0 });
    try {
      const rows = await query(next.url, "SELECT 1 AS ok");
      assert.deepEqual(rows, [{ ok: 1 }]);
      await assert.rejects(query(orphan.url, "SELECT 1"), "the orphan no longer serves");
    } finally {
      await next.stop();
      await orphan.stop().catch(() => undefined);
    }
  });

  test("explains a port that is already taken", async () => {
    const port = await findFreePort();
    const blocker = createServer().listen(port, "127.0.0.1");
    await new Promise((r) => blocker.once("listening", r));
    try {
      await assert.rejects(startEmbeddedPostgres({ dataDir: join(root, "busy"), port }), /Port \d+ on 127\.0\.0\.1 is already in use/);
      assert.equal(existsSync(join(root, "busy", "PG_VERSION")), false, "nothing was initialised");
    } finally {
      blocker.close();
    }
  });

  test("refuses a cluster folder it did not create", async () => {
    const dataDir = join(root, "foreign");
    const cluster = await startEmbeddedPostgres({ dataDir, port: 0 });
    await cluster.stop();
    rmSync(join(dataDir, "recourse-credentials.json"));
    await assert.rejects(startEmbeddedPostgres({ dataDir, port: 0 }), /did not create/);
  });

  test("a throw-away cluster deletes its folder on stop", async () => {
    const dataDir = join(root, "ephemeral");
    const cluster = await startEmbeddedPostgres({ dataDir, port: 0, ephemeral: true });
    await query(cluster.url, "SELECT 1");
    await cluster.stop();
    assert.equal(existsSync(dataDir), false);
  });
});
