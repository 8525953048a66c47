import { expect, test, type Browser } from "@playwright/test";
import type { E2ERole } from "./fixtures/operators";
import { builtServerActions, callAction } from "./fixtures/server-actions";
import { signIn } from "./fixtures/session";

/**
 * The console's authorization matrix: every page and every server action × every role (and no
 * session, and a cross-site request). Extends auth.spec.ts (sign-in) and workflows.spec.ts (one
 * action replayed) to the whole console. A new page or action fails here until it is listed.
 */
const LADDER = ["viewer", "agent", "supervisor", "admin"] as const;
type Role = (typeof LADDER)[number];
const allows = (role: Role, needed: Role) => LADDER.indexOf(role) >= LADDER.indexOf(needed);

const PAGES: { path: string; needs: Role }[] = [
  { path: "/", needs: "viewer" },
  { path: "/accounts", needs: "viewer" },
  { path: "/accounts/{account}", needs: "viewer" },
  { path: "/campaigns", needs: "viewer" },
  { path: "/campaigns/{campaign}", needs: "viewer" },
  { path: "/campaigns/new", needs: "supervisor" },
  { path: "/import", needs: "supervisor" },
  { path: "/workflows", needs: "viewer" },
  { path: "/queues", needs: "viewer" },
  { path: "/api-reference", needs: "viewer" },
  { path: "/settings", needs: "admin" },
  { path: "/settings/webhooks", needs: "admin" },
];

/** Every console server action and the least role it needs; sign-in and sign-out are public. */
const ACTIONS: Record<string, Role | "public"> = {
  "app/login/actions.ts#signIn": "public",
  "app/login/actions.ts#signOut": "public",
  "app/(console)/workflows/actions.ts#replayAction": "supervisor",
  "app/(console)/workflows/actions.ts#cancelAction": "supervisor",
  "app/(console)/accounts/[id]/actions.ts#recordPaymentAction": "agent",
  "app/(console)/accounts/[id]/actions.ts#openDisputeAction": "agent",
  "app/(console)/accounts/[id]/actions.ts#requestCeaseAction": "agent",
  "app/(console)/accounts/[id]/actions.ts#recordPromiseAction": "agent",
  "app/(console)/accounts/[id]/actions.ts#escalateAction": "agent",
  "app/(console)/accounts/[id]/actions.ts#retryJourneyAction": "supervisor",
  "app/(console)/campaigns/actions.ts#createCampaignAction": "supervisor",
  "app/(console)/campaigns/actions.ts#controlCampaignAction": "supervisor",
  "app/(console)/import/actions.ts#readHeadersAction": "supervisor",
  "app/(console)/import/actions.ts#checkImportAction": "supervisor",
  "app/(console)/import/actions.ts#startImportAction": "supervisor",
  "app/(console)/queues/actions.ts#assignAction": "agent",
  "app/(console)/queues/actions.ts#resolveEscalationAction": "agent",
  "app/(console)/queues/actions.ts#resolveDisputeAction": "agent",
  "app/(console)/settings/actions.ts#createApiKeyAction": "admin",
  "app/(console)/settings/actions.ts#revokeApiKeyAction": "admin",
  "app/(console)/settings/actions.ts#updateCallingHoursAction": "admin",
  "app/(console)/settings/actions.ts#createWebhookEndpointAction": "admin",
  "app/(console)/settings/actions.ts#disableWebhookEndpointAction": "admin",
  "app/(console)/settings/actions.ts#replayDeliveryAction": "admin",
  "app/(console)/settings/actions.ts#sendDeliveryAction": "admin",
};

async function cookiesOf(browser: Browser, role: E2ERole): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, role);
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  await context.close();
  return cookie;
}

test("every console page × role: sign-in for no session, forbidden below the page's role, the page otherwise", async ({ browser, playwright, baseURL }) => {
  test.setTimeout(180_000);
  const admin = await browser.newPage();
  await signIn(admin, "admin");
  await admin.goto("/accounts");
  const account = (await admin.locator("tbody a").first().getAttribute("href"))!.split("/").pop()!;
  await admin.goto("/campaigns");
  const campaign = (await admin.getByRole("link", { name: "Synthetic spring campaign" }).getAttribute("href"))!.split("/").pop()!;
  await admin.close();
  const paths = PAGES.map((p) => ({ ...p, path: p.path.replace("{account}", account).replace("{campaign}", campaign) }));

  const sessions: [Role | "anonymous", string | undefined][] = [["anonymous", undefined]];
  for (const role of LADDER) sessions.push([role, await cookiesOf(browser, role)]);
  const request = await playwright.request.newContext({ baseURL });
  for (const [who, cookie] of sessions) {
    for (const { path, needs } of paths) {
      const response = await request.get(path, { headers: cookie ? { cookie } : {}, maxRedirects: 0 });
      const where = `${who} → ${path}`;
      if (who === "anonymous") {
        expect(response.status(), where).toBeGreaterThanOrEqual(300);
        expect(response.status(), where).toBeLessThan(400);
        expect(response.headers().location, where).toMatch(/\/login$/);
      } else if (!allows(who, needs)) {
        expect(response.status(), where).toBeGreaterThanOrEqual(300);
        expect(response.status(), where).toBeLessThan(400);
        expect(response.headers().location, where).toContain(`/forbidden?need=${needs}`);
      } else {
        expect(response.status(), where).toBe(200);
      }
    }
  }
  await request.dispose();
});

test("every server action × role: 401 without a session, 403 below its role, through to validation at or above it; cross-site refused", async ({ browser, playwright, baseURL }) => {
  test.setTimeout(180_000);
  const actions = builtServerActions();
  const listed = actions.map((a) => `${a.file}#${a.name}`).sort();
  expect(listed, "a server action is missing from the matrix").toEqual(Object.keys(ACTIONS).sort());

  const cookies = new Map<Role, string>();
  for (const role of LADDER) cookies.set(role, await cookiesOf(browser, role));
  const request = await playwright.request.newContext({ baseURL });
  for (const action of actions) {
    const needs = ACTIONS[`${action.file}#${action.name}`];
    if (needs === "public" || needs === undefined) continue;
    const name = `${action.file}#${action.name}`;
    // Empty forms: past the role check they fail validation or find nothing, so nothing changes.
    const anonymous = await callAction(request, action, {}, { origin: baseURL! });
    expect(anonymous.text, `anonymous ${name}`).toContain("Sign in to continue.");
    for (const role of LADDER) {
      const reply = await callAction(request, action, {}, { origin: baseURL!, cookie: cookies.get(role)! });
      if (allows(role, needs)) {
        expect(reply.text, `${role} ${name}`).toMatch(/"status":(404|422)/);
        expect(reply.text, `${role} ${name}`).not.toContain("This needs the");
      } else {
        expect(reply.text, `${role} ${name}`).toContain(`This needs the ${needs} role; you are signed in as ${role}.`);
        expect(reply.text, `${role} ${name}`).toContain('"status":403');
      }
    }
    const crossSite = await callAction(request, action, {}, { origin: "https://evil.example", cookie: cookies.get("admin")! });
    expect(crossSite.text, `cross-site ${name}`).not.toContain('"ok":true');
    expect(crossSite.text, `cross-site ${name}`).not.toMatch(/"status":(404|422)/);
  }
  await request.dispose();
});
