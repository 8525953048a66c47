import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./fixtures/session";

test("the API reference renders every operation from the OpenAPI document, without leaving the site", async ({ page, baseURL }) => {
  // The longest page of the console (every operation with its schemas), on two shared cores.
  test.setTimeout(150_000);
  const outside: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(baseURL!) && !r.url().startsWith("data:")) outside.push(r.url());
  });
  await signIn(page, "viewer");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API" }).click();
  await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();

  const document = await (await page.request.get("/api/v1/openapi.json")).json();
  const operationIds = Object.values(document.paths as Record<string, Record<string, { operationId: string; tags: string[] }>>).flatMap((methods) => Object.values(methods));
  await expect(page.locator('section[data-testid^="operation-"]')).toHaveCount(operationIds.length);
  for (const tag of new Set(operationIds.flatMap((o) => o.tags))) await expect(page.getByRole("heading", { level: 2, name: tag })).toBeVisible();

  await page.getByRole("navigation", { name: "Operations" }).getByRole("link", { name: "createCampaign" }).click();
  await expect(page).toHaveURL(/#createCampaign$/);
  const create = page.getByTestId("operation-createCampaign");
  await expect(create).toContainText("POST");
  await expect(create).toContainText("/api/v1/campaigns");
  await expect(create).toContainText("needs scope write");
  await expect(create.getByRole("table", { name: "createCampaign request body" })).toContainText("strategy.callingWindow");
  await expect(create.getByRole("table", { name: "createCampaign request body" })).toContainText("calling-hours default");
  await expect(create.getByRole("figure").first()).toContainText('curl -X POST "$RECOURSE_URL/api/v1/campaigns"');
  await create.locator("summary", { hasText: "Response 201" }).click();
  await expect(create.getByRole("table", { name: "createCampaign response 201" })).toContainText("status");
  await screenshot(page, "api-reference");
  expect(outside).toEqual([]);
});
