/**
 * Conformance: DAG-shaped SDK examples, fan-out, run details and streams on the embedded engine,
 * asserting what Hatchet's e2e suites assert (sdks/typescript/src/v1/examples/<name>/*.e2e.ts).
 * The dag example's workflow is named `simple`, so it lives apart from tasks.test.ts.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type * as BulkFanout from "@hatchet-dev/typescript-sdk/v1/examples/bulk_fanout/workflow";
import type * as Dag from "@hatchet-dev/typescript-sdk/v1/examples/dag/workflow";
import type * as Client from "@hatchet-dev/typescript-sdk/v1/examples/hatchet-client";
import type * as Logger from "@hatchet-dev/typescript-sdk/v1/examples/logger/workflow";
import type * as PdfPipeline from "@hatchet-dev/typescript-sdk/v1/examples/pdf_pipeline/workflow";
import type * as RunDetails from "@hatchet-dev/typescript-sdk/v1/examples/run_details/workflow";
import type * as Streaming from "@hatchet-dev/typescript-sdk/v1/examples/streaming/workflow";
import { startEngineFixture, type EngineFixture } from "./fixture";

const examples = "@hatchet-dev/typescript-sdk/v1/examples";
const TERMINAL = ["COMPLETED", "FAILED", "CANCELLED"];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(100);
  }
}

describe("SDK examples on the embedded engine: DAGs, fan-out, details, streams", { timeout: 180_000 }, () => {
  let fixture: EngineFixture;
  let worker: { stop(): Promise<void> };
  let hatchet: typeof Client.hatchet;
  let dag: typeof Dag;
  let logging: ReturnType<typeof Logger.createLoggingWorkflow>;
  let pdf: typeof PdfPipeline & { makeSamplePdf(text: string): Buffer };
  let details: typeof RunDetails;
  let fanout: typeof BulkFanout;
  let streaming: typeof Streaming;

  before(async () => {
    fixture = await startEngineFixture();
    hatchet = (await import(`${examples}/hatchet-client`)).hatchet;
    dag = await import(`${examples}/dag/workflow`);
    logging = ((await import(`${examples}/logger/workflow`)) as typeof Logger).createLoggingWorkflow(hatchet);
    pdf = { ...(await import(`${examples}/pdf_pipeline/workflow`)), ...(await import(`${examples}/pdf_pipeline/sample-pdf`)) };
    details = await import(`${examples}/run_details/workflow`);
    fanout = await import(`${examples}/bulk_fanout/workflow`);
    streaming = await import(`${examples}/streaming/workflow`);
    const harness = await import(`${examples}/__e2e__/harness`);
    worker = await harness.startWorker({
      client: hatchet,
      name: "conformance-dags",
      workflows: [dag.dag, logging, pdf.pdfPipeline, details.runDetailTestWorkflow, fanout.bulkChild, fanout.bulkParentWorkflow, streaming.streamingTask],
      slots: 50,
    });
  });

  after(async () => {
    await worker?.stop();
    await fixture?.stop();
  });

  test("dag: a task reads its parents' outputs", async () => {
    const result = await dag.dag.run({ Message: "hello" });
    assert.equal(result.reverse.Original, "hello");
    assert.equal(result.reverse.Transformed, "olleh");
  });

  test("logger: both logging tasks finish, and their lines are kept per task", async () => {
    const ref = await logging.runNoWait({});
    const result = (await ref.output) as Record<string, { status: string }>;
    assert.equal(result.root_logger?.status, "success");
    assert.equal(result.context_logger?.status, "success");
    const run = await hatchet.runs.get(await ref.getWorkflowRunId());
    const contextTask = run.tasks.find((t) => t.displayName.includes("context_logger"));
    assert.ok(contextTask);
    const logs = await hatchet.api.v1LogLineList(contextTask.taskExternalId);
    assert.ok((logs.data.rows ?? []).length > 0, "context_logger wrote log lines");
  });

  test("pdf_pipeline: five tasks pass their outputs down the DAG", async () => {
    const bytes = pdf.makeSamplePdf("Invoice from Acme Corp. Total amount due: 150 dollars.");
    const result = (await pdf.pdfPipeline.run({ filename: "test-invoice.pdf", contentBase64: bytes.toString("base64") })) as Record<string, Record<string, unknown>>;
    assert.equal(result.extract_text?.pageCount, 1);
    assert.match(String(result.extract_text?.text), /Invoice/);
    assert.equal(result.classify_document?.category, "invoice");
    assert.ok(Number(result.summarize_text?.wordCount) > 0);
    const keywords = result.extract_keywords?.keywords as string[];
    assert.ok(keywords.includes("acme") && keywords.includes("invoice"));
    assert.equal(result.format_result?.filename, "test-invoice.pdf");
    assert.deepEqual(result.format_result?.keywords, keywords);
  });

  test("run_details: GetRunDetails shows tasks while running and is done at the end", async () => {
    const ref = await details.runDetailTestWorkflow.runNoWait({ foo: randomUUID() });
    const midway = await poll(() => hatchet.runs.getDetails(ref), (d) => Object.keys(d.taskRuns).length > 0);
    assert.ok(midway.status !== undefined);
    assert.ok(Object.keys(midway.taskRuns).length > 0);

    const done = await poll(() => hatchet.runs.getDetails(ref), (d) => d.done);
    assert.equal(done.done, true);
    assert.ok(TERMINAL.includes(String(done.status)), `run status ${done.status}`);
    const taskRuns = Object.values(done.taskRuns);
    assert.ok(taskRuns.length > 0);
    for (const taskRun of taskRuns) {
      assert.ok(taskRun.externalId && taskRun.readableId);
      assert.ok(TERMINAL.includes(String(taskRun.status)), `${taskRun.readableId}: ${taskRun.status}`);
    }
    // fail_step fails the run; ctx.cancel() cancels cancel_step; step3/step4 never run.
    assert.equal(done.status, "FAILED");
    const byName = Object.fromEntries(taskRuns.map((t) => [t.readableId, t.status]));
    assert.equal(byName.fail_step, "FAILED");
    assert.equal(byName.cancel_step, "CANCELLED");
    assert.equal(byName.step1, "COMPLETED");
  });

  test("bulk_fanout: a parent spawns N children and gets every result", async () => {
    const result = (await fanout.bulkParentWorkflow.run({ n: 12 })) as { spawn: { results: unknown[] } };
    assert.equal(result.spawn.results.length, 12);
  });

  test("bulk_fanout: additionalMetadata reaches the parent and every child run", async () => {
    const testRunId = randomUUID();
    const ref = await fanout.bulkParentWorkflow.runNoWait({ n: 2 }, { additionalMetadata: { test_run_id: testRunId } });
    await ref.output;
    const run = await hatchet.runs.get(ref);
    assert.equal((run.run.additionalMetadata as Record<string, string>).test_run_id, testRunId);
    const spawnTask = run.tasks.find((t) => (t.numSpawnedChildren ?? 0) > 0);
    assert.ok(spawnTask, "the spawn task counts its children");
    assert.equal(spawnTask.numSpawnedChildren, 2);
    const children = await hatchet.runs.list({ parentTaskRunExternalId: spawnTask.taskExternalId, onlyTasks: false });
    assert.equal(children.rows?.length, 2);
    for (const child of children.rows ?? []) assert.equal((child.additionalMetadata as Record<string, string>).test_run_id, testRunId);
    const byMeta = await hatchet.runs.list({ additionalMetadata: { test_run_id: testRunId }, onlyTasks: false });
    assert.equal(byMeta.rows?.length, 3, "the parent and both children carry the metadata");
  });

  test("streaming: chunks arrive in order and complete, and the stream ends with the run", async () => {
    const ref = await streaming.streamingTask.runNoWait({});
    let combined = "";
    for await (const chunk of hatchet.runs.subscribeToStream(await ref.getWorkflowRunId())) combined += chunk;
    assert.ok(combined.startsWith("\nHappy families are all alike"), combined.slice(0, 40));
    assert.match(combined, /same house with him\.\n$/);
    await ref.output;
  });
});
