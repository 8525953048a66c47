import { expect, test, type Page, type Request } from "@playwright/test";
import { replayAction } from "./fixtures/forged-action";
import { IMPORTED_ACCOUNTS } from "./fixtures/imported-accounts";
import { screenshot, signIn } from "./fixtures/session";

/**
 * The operator console's mutations end to end, in order on one system: import a portfolio with
 * some bad rows, create and launch a campaign over it (the worker really enrolls and runs the
 * journeys, and they really call: the system runs inside US calling hours on a shifted clock, and
 * the simulator answers each imported number as fixtures/imported-accounts.ts says), watch the
 * funnel move and read the connected call on its account, then a payment ends one journey and a
 * dispute stops another; a viewer can do none of it, not even by forging the server action. Named
 * to run after pages.spec.ts, which counts the seeded accounts.
 */
test.describe.configure({ mode: "serial" });

const tag = Date.now().toString(36).toUpperCase();
const ref = (n: number) => `E2E-${tag}-${n}`;
const account = (n: 1 | 2 | 3 | 4) => IMPORTED_ACCOUNTS.find((a) => a.n === n)!;
const HEADER = "Account Number,Creditor,Balance,Original Balance,Debtor ID,First Name,Last Name,Phone,Line Type,Consent,State,Time Zone";
const good = (n: 1 | 2 | 3 | 4) => `${ref(n)},E2E Bank,250.00,"1,000.00",DEB-${tag}-${n},Casey,Import${n},${account(n).phone},cell,2026-01-01T00:00:00Z,NY,America/New_York`;
const CSV = [HEADER, good(1), `${ref(5)},E2E Bank,abc,100,DEB-${tag}-5,Bo,Bad,+12125550195,cell,,NY,America/New_York`, good(2), good(3), `${ref(6)},E2E Bank,10,10,DEB-${tag}-6,Al,Bad,12345,cell,,NY,America/New_York`, good(4)].join("\n");
/** Launch to calls summarized: seconds at SIM_SPEED ×30, but the two cores are shared. */
const CALLS_TIMEOUT = 120_000;

/** "Today" for the system under test, which runs ahead of this runner's clock (global-setup.ts). */
const systemNow = () => new Date(Date.now() + Number(process.env.E2E_SYSTEM_OFFSET_MS ?? "0"));

let campaignUrl = "";
let paymentRequest: Request | undefined;

async function openAccount(page: Page, externalId: string) {
  await page.goto(`/accounts?q=${encodeURIComponent(externalId)}`);
  await page.locator("tbody tr").filter({ hasText: externalId }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(externalId);
}

/** Reloads until the account's Journeys card shows `status` (the worker reacts through the outbox relay). */
async function expectJourney(page: Page, status: string) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("region", { name: "Journeys" })).toContainText(status, { timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
}

test("a supervisor imports a CSV: bad rows are reported by row and column, and only the valid ones are imported on request", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import" }).click();
  await expect(page.getByRole("heading", { name: "Import", exact: true })).toBeVisible();

  await page.getByLabel("CSV file").setInputFiles({ name: "portfolio.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("PK\u0003\u0004") });
  await page.getByRole("button", { name: "Read columns" }).click();
  await expect(page.getByRole("status").filter({ hasText: "is not a .csv file" })).toBeVisible();

  await page.getByLabel("CSV file").setInputFiles({ name: "portfolio.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
  await page.getByRole("button", { name: "Read columns" }).click();
  await expect(page.getByRole("status").filter({ hasText: "6 row(s) and 12 column(s) read." })).toBeVisible();
  await expect(page.getByLabel("Column “Account Number”")).toHaveValue("externalId");
  await expect(page.getByLabel("Column “Consent”")).toHaveValue("phoneConsentAt");
  await page.getByRole("button", { name: "Check rows" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("6 row(s): 4 valid, 2 with problems.");
  const problems = page.getByRole("table", { name: "Problems by row" });
  await expect(problems.locator("tbody tr").filter({ hasText: "Balance" })).toContainText("3");
  await expect(problems.locator("tbody tr").filter({ hasText: "Phone" })).toContainText("E.164");
  await screenshot(page, "import-report");

  await page.getByRole("button", { name: "Import 4 valid row(s)" }).click();
  await expect(page.getByTestId("import-progress-text")).toHaveText("Done: 4 row(s) imported.", { timeout: 30_000 });
  await screenshot(page, "import-done");
  await page.goto(`/accounts?q=${encodeURIComponent(`E2E-${tag}`)}`);
  await expect(page.locator("tbody tr")).toHaveCount(4);
  await expect(page.locator("tbody")).not.toContainText(ref(5));
});

test("a supervisor creates a campaign over the imported accounts, launches it and watches the simulated calls move its funnel", async ({ page }) => {
  test.setTimeout(4 * 60_000);
  await signIn(page, "supervisor");
  await page.goto("/campaigns");
  await page.getByRole("link", { name: "New campaign" }).click();
  await page.getByLabel("Name").fill(`E2E campaign ${tag}`);
  await page.getByLabel("Attempts per account").fill("4");
  await page.getByLabel("Account references").fill([1, 2, 3, 4].map(ref).join("\n"));
  await page.getByLabel("Calling window start").fill("20:00");
  await page.getByLabel("Calling window end").fill("09:00");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Calling window: callingWindow.start must be before callingWindow.end" })).toBeVisible();
  // 09:00–20:00 New York time (default days Monday–Saturday) holds the system's shifted "now".
  await page.getByLabel("Calling window start").fill("09:00");
  await page.getByLabel("Calling window end").fill("20:00");
  await screenshot(page, "campaign-new");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByRole("heading", { name: `E2E campaign ${tag}` })).toBeVisible();
  campaignUrl = page.url();

  const controls = page.getByRole("group", { name: "Campaign controls" });
  await expect(controls.getByRole("button", { name: "Pause" })).toBeDisabled();
  await expect(controls.getByRole("button", { name: "Resume" })).toBeDisabled();
  await controls.getByRole("button", { name: "Launch" }).click();
  await expect(controls.getByRole("status")).toHaveText(/^Launched/);
  await expect(controls.getByRole("button", { name: "Launch" })).toBeDisabled();
  // The outbox relay publishes campaign:launched; campaign-launch enrolls the segment and starts a journey each.
  await expect(page.getByTestId("funnel-enrolled")).toHaveText("4", { timeout: 45_000 });

  // Each journey dials through the compliance gate; the simulator answers. The funnel on this
  // page moves by itself (server-sent events): every account dialled, the one that answered and
  // promised contacted and promised; the voicemail and the two unanswered calls are not.
  await expect(page.getByTestId("live-status")).toHaveText(/^live · updated/);
  await expect(page.getByTestId("funnel-dialled")).toHaveText("4", { timeout: CALLS_TIMEOUT });
  await expect(page.getByTestId("funnel-contacted")).toHaveText("1", { timeout: CALLS_TIMEOUT });
  await expect(page.getByTestId("funnel-promised")).toHaveText("1", { timeout: CALLS_TIMEOUT });
  // After its call each journey waits: for the promise's due date, or a day to try again.
  const journeys = page.getByRole("region", { name: "Journeys by status" });
  await expect(journeys.locator("tr").filter({ hasText: "promise pending" })).toHaveText(/^promise pending\s*1$/, { timeout: CALLS_TIMEOUT });
  await expect(journeys.locator("tr").filter({ hasText: "waiting retry" })).toHaveText(/^waiting retry\s*3$/, { timeout: CALLS_TIMEOUT });
  await expect(journeys.locator("tr")).toHaveCount(2);
  await expect(page.getByText(/Throughput: 4 call\(s\) in the last hour/)).toBeVisible();
  await screenshot(page, "campaign-called");

  // Paused, the journeys stay alive but hold their calls; resumed, they go on waiting as before.
  await controls.getByRole("button", { name: "Pause" }).click();
  await expect(controls.getByRole("status")).toHaveText(/^Paused/);
  await expect(controls.getByRole("button", { name: "Resume" })).toBeEnabled();
  await controls.getByRole("button", { name: "Resume" }).click();
  await expect(controls.getByRole("status")).toHaveText(/^Resumed/);
  await expect(controls.getByRole("button", { name: "Pause" })).toBeEnabled();
});

test("the account that answered shows the call the campaign made: SIP result and duration, the transcript by speaker, the summary with outcome and confidence", async ({ page }) => {
  await signIn(page, "agent");
  await openAccount(page, ref(3));
  await expect(page.getByRole("region", { name: "Journeys" })).toContainText(`E2E campaign ${tag}`);
  await expect(page.getByRole("region", { name: "Journeys" })).toContainText("promise pending");
  const timeline = page.getByRole("list", { name: "Account timeline" });
  // The account was imported by this run: its only call is the one the launched campaign placed.
  const call = timeline.locator('[data-kind="call"]');
  await expect(call).toHaveCount(1);
  await expect(call).toContainText(`Dialled ${account(3).phone}`);
  await expect(call).toContainText("promise to pay");
  // Connected: SIP 200 and a duration (wall time of a call the simulator compresses ×SIM_SPEED, so seconds).
  await expect(call).toContainText(/SIP 200\s+· \d+ s/);
  await expect(call).toContainText(/Summary \(offline rules, confidence \d+%\): \[Offline rules\]/);
  await call.getByText(/Transcript \(\d+ turns\)/).click();
  const turns = call.getByRole("list", { name: "Transcript" }).locator("li");
  await expect(turns.first()).toBeVisible();
  const texts = await turns.allTextContents();
  expect(texts.every((t) => /^(agent|consumer)\S/.test(t)), "every turn names its speaker").toBe(true);
  // Notices first, identity verified before any word of the debt, the initial mini-Miranda, then the promise (COMPLIANCE.md §4).
  const order = [
    /^agent.*an automated AI assistant, not a person.*This call is recorded\./,
    /^agent.*please tell me your (ZIP code|date of birth)\./,
    /^agent.*This is an attempt to collect a debt, and any information obtained will be used for that purpose\./,
    /^agent.*Our records show a balance of \$[\d,.]+ owed to E2E Bank\./,
    /^consumer.*I can pay \$[\d,.]+ on \d{4}-\d{2}-\d{2}\./,
  ].map((pattern) => texts.findIndex((t) => pattern.test(t)));
  expect(order.every((i) => i >= 0), `each step is in the transcript: ${JSON.stringify(texts)}`).toBe(true);
  expect(order).toEqual([...order].sort((a, b) => a - b));
  // The promise the summary recorded, due ten days after the system's (shifted) today.
  const due = new Date(systemNow().getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
  await expect(timeline.locator('[data-kind="promise"]')).toContainText(new RegExp(`\\$[\\d,.]+ due ${due} pending`));
  await expect(timeline.locator('[data-kind="compliance"]').first()).toContainText("dial allowed");
  await screenshot(page, "account-call");
});

test("an agent records a payment and the journey ends paid", async ({ page }) => {
  await signIn(page, "agent");
  await openAccount(page, ref(1));
  // The campaign called it and nobody answered: the journey waits to try again.
  const call = page.getByRole("list", { name: "Account timeline" }).locator('[data-kind="call"]');
  await expect(call).toHaveCount(1);
  await expect(call).toContainText(/no answer.*SIP 408 Request Timeout · not connected/);
  await expect(page.getByRole("region", { name: "Journeys" })).toContainText("waiting retry");
  const form = page.getByRole("form", { name: "Record payment" });
  await form.getByLabel("Amount ($)", { exact: true }).fill("two hundred");
  await form.getByRole("button", { name: "Record payment" }).click();
  await expect(form.getByRole("status")).toContainText("Amount: Enter an amount in dollars");
  await form.getByLabel("Amount ($)", { exact: true }).fill("250.00");
  const request = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await form.getByRole("button", { name: "Record payment" }).click();
  paymentRequest = await request;
  await expect(form.getByRole("status")).toHaveText("Payment of $250.00 applied.");
  await expectJourney(page, "paid");
  await expect(page.getByText(/balance \$0\.00 of \$1,000\.00/)).toBeVisible();
  await screenshot(page, "account-paid");
});

test("an agent marks a dispute and collection stops", async ({ page }) => {
  await signIn(page, "agent");
  await openAccount(page, ref(2));
  await expect(page.getByRole("region", { name: "Journeys" })).toContainText("waiting retry");
  await page.getByText("Mark dispute", { exact: true }).click();
  const form = page.getByRole("form", { name: "Mark dispute" });
  await form.getByLabel("Channel").selectOption("ORAL");
  await form.getByLabel("Reason", { exact: true }).fill("says the debt is not theirs");
  await form.getByRole("button", { name: "Mark disputed" }).click();
  await expect(form.getByRole("status")).toHaveText("Dispute recorded: collection of this debt has stopped.");
  await expectJourney(page, "disputed");
  await expect(page.getByText(/Collection is paused until the debt is verified/)).toBeVisible();
  await page.getByText("Mark dispute", { exact: true }).click();
  await expect(page.getByRole("form", { name: "Mark dispute" }).getByRole("button", { name: "Mark disputed" })).toBeDisabled();
  await screenshot(page, "account-disputed");
});

test("a viewer sees no action, and a forged action post is refused for a viewer, without a session and cross-site", async ({ page, browser, playwright, baseURL }) => {
  await signIn(page, "viewer");
  await openAccount(page, ref(3));
  await expect(page.getByRole("region", { name: "Actions" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Record payment|Mark disputed|Escalate/ })).toHaveCount(0);
  await page.goto(campaignUrl);
  await expect(page.getByRole("group", { name: "Campaign controls" })).toHaveCount(0);
  const forbidden = await page.goto("/import");
  expect(forbidden?.url()).toMatch(/\/forbidden/);

  expect(paymentRequest, "the agent's payment was captured").toBeDefined();
  const captured = paymentRequest!;
  const replay = (cookies: { name: string; value: string }[], origin?: string) => replayAction(playwright.request, captured, baseURL!, cookies, origin);
  const asViewer = await replay(await page.context().cookies());
  expect(asViewer).toContain("This needs the agent role");
  expect(asViewer).not.toContain("applied");
  expect(await replay([])).toContain("Sign in to continue.");
  const agent = await browser.newContext();
  const agentPage = await agent.newPage();
  await signIn(agentPage, "agent");
  const crossSite = await replay(await agent.cookies(), "https://evil.example");
  expect(crossSite).not.toContain("applied");
  expect(crossSite).not.toMatch(/\n\s+at\s/);
  await agent.close();
});
