import { expect, test, type Page } from "@playwright/test";
import { replayAction } from "./fixtures/forged-action";
import { screenshot, signIn } from "./fixtures/session";

const runId = () => {
  const id = process.env.E2E_FAILED_RUN_ID;
  if (!id) throw new Error("global setup did not leave a failed run");
  return id;
};

async function openFailedRun(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Workflows" }).click();
  const row = page.locator("tbody tr").filter({ hasText: "e2e-settlement" }).first();
  await expect(row).toContainText("failed");
  await row.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/workflows/${runId()}$`));
  await expect(page.getByRole("region", { name: "Steps" })).toContainText("payment processor timed out (e2e: fails once)");
  await expect(page.getByRole("region", { name: "Steps" })).not.toContainText("\"stack\"");
}

test("a viewer sees the failed run and its error but cannot retry it", async ({ page }) => {
  await signIn(page, "viewer");
  await openFailedRun(page);
  await expect(page.getByText("Retry and cancel need the supervisor role.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Retry/ })).toHaveCount(0);
  await screenshot(page, "workflows-viewer");
});

test("a supervisor retries the failed step; the same action is refused without a session, for a viewer and cross-site", async ({ page, browser, playwright, baseURL }) => {
  await signIn(page, "supervisor");
  await page.goto("/workflows");
  await screenshot(page, "workflows");
  await openFailedRun(page);

  const actionRequest = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await page.getByRole("button", { name: "Retry the run" }).click();
  const captured = await actionRequest;
  await expect(page.getByRole("status").filter({ hasText: "Retry requested" })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("run-status")).toHaveText("completed", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await screenshot(page, "workflow-run");

  const replay = async (cookies: { name: string; value: string }[], origin = baseURL!) => ({ text: await replayAction(playwright.request, captured, baseURL!, cookies, origin) });

  const anonymous = await replay([]);
  expect(anonymous.text).toContain("Sign in to continue.");
  expect(anonymous.text).not.toContain("Retry requested");

  const viewerContext = await browser.newContext();
  const viewerPage = await viewerContext.newPage();
  await signIn(viewerPage, "viewer");
  const asViewer = await replay(await viewerContext.cookies());
  expect(asViewer.text).toContain("This needs the supervisor role");
  expect(asViewer.text).not.toContain("Retry requested");
  await viewerContext.close();

  const crossSite = await replay(await page.context().cookies(), "https://evil.example");
  expect(crossSite.text).not.toContain("Retry requested");
  expect(crossSite.text).not.toMatch(/\n\s+at\s/); // no stack traces
});
