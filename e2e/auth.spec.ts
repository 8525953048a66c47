import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./fixtures/session";

test("pages refuse unauthenticated requests and send them to sign in", async ({ request }) => {
  for (const path of ["/", "/accounts", "/accounts/some-id", "/campaigns", "/workflows"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBeGreaterThanOrEqual(300);
    expect(response.status(), path).toBeLessThan(400);
    expect(response.headers().location, path).toMatch(/\/login$/);
  }
  const events = await request.get("/campaigns/any/events");
  expect(events.status()).toBe(401);
  expect(events.headers()["content-type"]).toContain("application/problem+json");
  expect((await events.json()).code).toBe("UNAUTHENTICATED");
});

test("a wrong password is refused without saying which part was wrong", async ({ page }) => {
  const response = await page.goto("/login");
  expect(response?.headers()["x-frame-options"]).toBe("DENY");
  await screenshot(page, "login");
  await page.getByLabel("Email").fill("admin@e2e.test");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("That email and password do not match an active operator.");
  await expect(page).toHaveURL(/\/login$/);
});

test("an operator signs in, sees who they are, and signs out", async ({ page }) => {
  await signIn(page, "admin");
  await expect(page.getByRole("banner")).toContainText("Erin Admin");
  await expect(page.getByRole("banner")).toContainText("admin");
  const cookie = (await page.context().cookies()).find((c) => c.name === "recourse_session");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Strict");
  // The console runs on a shifted clock (global-setup.ts), so the cookie's Expires lies that far
  // ahead; its Max-Age wins (RFC 6265 5.3), so the session lasts its 12 hours on the browser's clock.
  expect(cookie!.expires * 1000).toBeGreaterThan(Date.now() + 11.9 * 3_600_000);
  expect(cookie!.expires * 1000).toBeLessThan(Date.now() + 12.1 * 3_600_000);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/accounts");
  await expect(page).toHaveURL(/\/login$/);
});
