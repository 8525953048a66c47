import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { checkpointFile, type SimulationCheckpoint } from "./checkpoint";

const folder = mkdtempSync(join(tmpdir(), "recourse-checkpoint-"));
after(() => rmSync(folder, { recursive: true, force: true }));

const checkpoint: SimulationCheckpoint = {
  accounts: 10_000,
  days: 60,
  seed: 1,
  namespace: "simabc",
  campaignId: "c1",
  startedAt: new Date("2026-12-14T13:00:00.000Z"),
  clockAt: new Date("2026-12-20T18:30:00.000Z"),
  steps: 42,
  realSeconds: 1234.5,
  sessions: 1,
};

test("no file: no checkpoint (a new run)", () => {
  assert.equal(checkpointFile(join(folder, "absent.json")).load(), undefined);
});

test("a saved checkpoint loads back with its instants as dates, and no temporary file is left", () => {
  const path = join(folder, "checkpoint.json");
  const store = checkpointFile(path);
  store.save(checkpoint);
  store.save({ ...checkpoint, steps: 43 });
  assert.deepEqual(store.load(), { ...checkpoint, steps: 43 });
  assert.equal(existsSync(`${path}.tmp`), false);
});

test("a file that is not a checkpoint is refused with what is wrong, not taken for a new run", () => {
  const path = join(folder, "garbage.json");
  writeFileSync(path, JSON.stringify({ ...checkpoint, steps: -1, namespace: "" }));
  assert.throws(() => checkpointFile(path).load(), /is not a simulation checkpoint: .*steps.*namespace|namespace.*steps/);
});
