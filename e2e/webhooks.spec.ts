import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./fixtures/session";

test("webhook endpoint → a dispute queues a delivery → the workflow's attempt fails (410) in the log → replayed once the CRM is fixed → delivered once", async ({ page, playwright, baseURL }) => {
  // The CRM's receiver: refuses (410, a permanent failure) until "fixed", then accepts.
  let answer = 410;
  const received: { signature: string | undefined; event: string | undefined }[] = [];
  const crm = createServer((req, res) => {
    received.push({ signature: req.headers["recourse-signature"] as string | undefined, event: req.headers["recourse-event"] as string | undefined });
    req.resume();
    res.writeHead(answer).end();
  });
  await new Promise<void>((resolve) => crm.listen(0, "127.0.0.1", resolve));
  const crmUrl = `http://127.0.0.1:${(crm.address() as AddressInfo).port}/recourse`;
  try {
    await signIn(page, "admin");
    await page.goto("/settings/webhooks");
    await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
    const add = page.getByRole("form", { name: "Add a webhook endpoint" });
    await add.getByLabel("URL").fill(crmUrl);
    await add.getByLabel("dispute.opened").check();
    await add.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByTestId("new-secret")).toHaveText(/^whsec_/);
    await expect(page.getByRole("list", { name: "Webhook endpoints" })).toContainText(crmUrl);

    // A key for the CRM, then a dispute through the API: the subscribed event queues a delivery.
    await page.goto("/settings");
    const keyForm = page.getByRole("form", { name: "Create an API key" });
    await keyForm.getByLabel("Name").fill("E2E webhook trigger");
    await keyForm.getByLabel(/^write/).check();
    await keyForm.getByRole("button", { name: "Create key" }).click();
    const key = (await page.getByTestId("new-secret").textContent())!;
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key}` } });
    const accounts = await (await api.get("/api/v1/accounts?status=ACTIVE&limit=1")).json();
    const opened = await api.post("/api/v1/disputes", { data: { accountId: accounts.data[0].id, channel: "WRITTEN", reason: "e2e webhook" } });
    expect(opened.status()).toBe(201);
    await api.dispose();

    // The crm-webhook-delivery workflow sends it; the receiver refuses it for good (410).
    const failed = page.locator("tbody tr").filter({ hasText: crmUrl }).first();
    await expect(async () => {
      await page.goto("/settings/webhooks?status=FAILED");
      await expect(failed).toContainText("HTTP 410", { timeout: 1_000 });
    }).toPass({ timeout: 60_000 });
    await expect(failed).toContainText("dispute.opened");
    await expect(failed).toContainText("failed");
    await screenshot(page, "settings-webhooks");

    // The CRM is fixed; a replay queues it again and the workflow delivers it, once.
    answer = 200;
    await failed.getByRole("button", { name: "Replay dispute.opened delivery" }).click();
    const delivered = page.locator("tbody tr").filter({ hasText: crmUrl }).first();
    await expect(async () => {
      await page.goto("/settings/webhooks?status=DELIVERED");
      await expect(delivered).toContainText("HTTP 200", { timeout: 1_000 });
    }).toPass({ timeout: 60_000 });
    expect(received.length).toBe(2);
    expect(received.every((r) => r.event === "dispute.opened" && /^t=\d+,v1=[0-9a-f]{64}$/.test(r.signature ?? ""))).toBe(true);
  } finally {
    await new Promise<void>((resolve) => crm.close(() => resolve()));
  }
});
