import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./fixtures/session";

test("a viewer reads the queues but gets no controls", async ({ page }) => {
  await signIn(page, "viewer");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Queues" }).click();
  await expect(page.getByRole("heading", { name: "Queues" })).toBeVisible();
  await expect(page.getByText("taking and resolving items needs the agent role")).toBeVisible();
  await expect(page.getByRole("list", { name: "Queue items" }).getByRole("listitem").first()).toBeVisible();
  await expect(page.getByRole("button", { name: /^Assign .* to me$/ })).toHaveCount(0);
});

test("an agent takes an escalation and resolves it with a note; then takes and resolves a dispute", async ({ page }) => {
  await signIn(page, "agent");
  await page.goto("/queues?kind=escalation");
  await expect(page.getByLabel("Kind")).toHaveValue("escalation");
  const item = page.getByRole("list", { name: "Queue items" }).getByRole("listitem").first();
  await expect(item).toContainText("represented by an attorney");
  const testId = (await item.getAttribute("data-testid"))!;
  await item.getByRole("button", { name: /to me$/ }).click();
  await expect(item.getByTestId("assignee")).toHaveText("Alex Agent");
  await screenshot(page, "queues");

  // Refused without a note: the browser asks for one first, so nothing is sent.
  await item.getByRole("button", { name: /^Resolve / }).click();
  await expect(page.getByTestId(testId)).toBeVisible();
  await item.getByLabel("Resolution note").fill("Letter sent to the consumer's attorney; no more calls.");
  await item.getByRole("button", { name: /^Resolve / }).click();
  await expect(page.getByTestId(testId)).toHaveCount(0);

  // Assigned-to-me filter now holds nothing of this kind; the disputes are next.
  await page.goto("/queues?kind=dispute&assignee=unassigned");
  const dispute = page.getByRole("list", { name: "Queue items" }).getByRole("listitem").first();
  const disputeId = (await dispute.getAttribute("data-testid"))!;
  const account = (await dispute.getByRole("link").first().textContent())!;
  await dispute.getByRole("button", { name: /to me$/ }).click();
  // Taken, it leaves the unassigned list: only then is the assignment saved.
  await expect(page.getByTestId(disputeId)).toHaveCount(0);
  await page.goto("/queues?assignee=me");
  const mine = page.getByTestId(disputeId);
  await expect(mine.getByTestId("assignee")).toHaveText("Alex Agent");
  await mine.getByLabel(/Verification sent/).check();
  await mine.getByLabel("Resolution note").fill("Mailed the itemization statement (1006.38(d)(2)).");
  await mine.getByRole("button", { name: /^Resolve / }).click();
  await expect(page.getByTestId(disputeId)).toHaveCount(0);

  // The account's timeline shows the resolution, and its dispute pause is lifted.
  await page.goto(`/accounts?q=${encodeURIComponent(account)}`);
  await page.getByRole("link", { name: account }).click();
  await expect(page.getByRole("list", { name: "Account timeline" })).toContainText("dispute.resolve");
});

test("a supervisor assigns an item to an agent", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/queues?assignee=unassigned");
  const item = page.getByRole("list", { name: "Queue items" }).getByRole("listitem").first();
  const testId = (await item.getAttribute("data-testid"))!;
  await item.getByLabel("Assign to").selectOption({ label: "Alex Agent" });
  await item.getByRole("button", { name: /^Assign (escalation|dispute) on [^ ]+$/ }).click();
  // Assigned, it leaves the unassigned list and shows under the agent.
  await expect(page.getByTestId(testId)).toHaveCount(0);
  await page.getByLabel("Assigned to").selectOption({ label: "Alex Agent" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId(testId).getByTestId("assignee")).toHaveText("Alex Agent");
});
