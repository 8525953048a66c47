import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./fixtures/session";

test("an admin creates an API key, sees it once, uses it against /api/v1, revokes it, and it gets 401", async ({ page, playwright, baseURL }) => {
  await signIn(page, "admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  await expect(page.getByTestId("integration-livekit")).toContainText("simulated");
  await expect(page.getByTestId("integration-llm")).toContainText("simulated");

  const form = page.getByRole("form", { name: "Create an API key" });
  await form.getByLabel("Name").fill("E2E CRM");
  await form.getByLabel(/^write/).check();
  await form.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("new-secret").textContent())!;
  expect(secret).toMatch(/^rk_[A-Za-z0-9]{8}_[A-Za-z0-9]{32}$/);
  const prefix = secret.slice(0, 11);
  await screenshot(page, "settings");

  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${secret}` } });
  const list = await api.get("/api/v1/accounts?limit=1");
  expect(list.status()).toBe(200);
  expect((await list.json()).data).toHaveLength(1);

  // Shown once: after a reload only the prefix is on the page, and the key was used.
  await page.reload();
  await expect(page.getByTestId("new-secret")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  const row = page.getByTestId(`api-key-${prefix}`);
  await expect(row).toContainText("read, write");
  await expect(row).not.toContainText("never");

  await row.getByRole("button", { name: `Revoke key ${prefix}` }).click();
  await expect(row).toContainText("revoked");
  await expect(row.getByRole("button", { name: `Revoke key ${prefix}` })).toHaveCount(0);
  const after = await api.get("/api/v1/accounts?limit=1");
  expect(after.status()).toBe(401);
  expect(after.headers()["content-type"]).toContain("application/problem+json");
  await api.dispose();
});

test("an admin sets the default calling hours; an invalid window is refused with the reason", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Default calling hours" });
  await form.getByLabel("From (debtor's local time)").fill("10:00");
  await form.getByLabel("Until").fill("09:00");
  await form.getByRole("button", { name: "Save calling hours" }).click();
  await expect(form.getByRole("status")).toContainText("callingWindow.start must be before callingWindow.end");
  await form.getByLabel("Until").fill("19:30");
  await form.getByLabel("Sunday").uncheck();
  await form.getByLabel("Saturday").uncheck();
  await form.getByRole("button", { name: "Save calling hours" }).click();
  await expect(form.getByRole("status")).toContainText("10:00–19:30");
  await page.reload();
  await expect(page.getByText("10:00–19:30", { exact: false }).first()).toBeVisible();
  await expect(page.getByText(/Mon, Tue, Wed, Thu, Fri \(set/)).toBeVisible();
});

test("settings are for admins: a supervisor is sent to the forbidden page", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/forbidden\?need=admin/);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
});
