import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./fixtures/session";

test.beforeEach(async ({ page }) => {
  await signIn(page, "viewer");
});

test("the dashboard shows KPIs and charts over a chosen period", async ({ page }) => {
  await expect(page.getByTestId("kpi-right-party-contact-rate")).toHaveText(/^\d+\.\d%$/);
  await expect(page.getByTestId("kpi-amount-recovered")).toHaveText(/^\$[\d,]+\.\d\d$/);
  await expect(page.getByRole("img", { name: /Outbound dials: 30 days/ })).toBeVisible();
  await screenshot(page, "dashboard");
  await page.getByRole("navigation", { name: "Period" }).getByRole("link", { name: "Last 7 days" }).click();
  await expect(page).toHaveURL(/period=7d/);
  await expect(page.getByRole("img", { name: /Outbound dials: 7 days/ })).toBeVisible();
});

test("accounts list, search and an account timeline with transcript, summary and dispute", async ({ page }) => {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Accounts" }).click();
  await expect(page.getByRole("heading", { name: "Accounts" })).toBeVisible();
  await expect(page.getByText("120 accounts")).toBeVisible();
  await expect(page.locator("tbody tr")).toHaveCount(25);
  await screenshot(page, "accounts");

  await page.getByLabel("Status").selectOption("DISPUTED");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/status=DISPUTED/);
  const first = page.locator("tbody tr").first();
  await expect(first).toContainText("dispute pending");
  await first.getByRole("link").click();

  await expect(page.getByText(/Collection is paused until the debt is verified/)).toBeVisible();
  const timeline = page.getByRole("list", { name: "Account timeline" });
  await expect(timeline.locator('[data-kind="dispute"]').first()).toContainText("oral dispute");
  const call = timeline.locator('[data-kind="call"]').filter({ hasText: "dispute" }).first();
  await expect(call).toContainText(/Summary \(offline rules, confidence \d+%\)/);
  await call.getByText(/Transcript \(\d+ turns\)/).click();
  const transcript = call.getByRole("list", { name: "Transcript" });
  await expect(transcript).toContainText("agent");
  await expect(transcript).toContainText("I dispute it.");
  await expect(timeline.locator('[data-kind="compliance"]').first()).toContainText("dial allowed");
  await screenshot(page, "account");
});

test("a campaign's funnel renders and goes live over server-sent events", async ({ page }) => {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Campaigns" }).click();
  await page.getByRole("link", { name: "Synthetic spring campaign" }).click();
  await expect(page.getByTestId("live-status")).toHaveText(/^live · updated/);
  const enrolled = Number(await page.getByTestId("funnel-enrolled").textContent());
  expect(enrolled).toBeGreaterThan(100);
  expect(Number(await page.getByTestId("funnel-contacted").textContent())).toBeLessThanOrEqual(enrolled);
  await screenshot(page, "campaign");
});

test("unknown records show a not-found page, not an error", async ({ page }) => {
  const response = await page.goto("/accounts/does-not-exist");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
