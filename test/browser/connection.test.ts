// Acceptance (issue 4): in headless Chromium against sandbox mode, connect WhatsApp through Meta's
// dialog (the emulator's), activate a number with its PIN, then survive a revoked token: the shell
// shows the Reconnect banner, the same dialog reconnects, and the number is sending again.
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { approveInDialog as approveOverHttp } from "../support/meta-dialog.js";
import { browserSuite, logIn, openPage } from "./support.js";

interface EmulatorNumber {
  id: string;
  displayPhoneNumber: string;
  pin: string;
}
interface EmulatorState {
  wabas: { id: string; name: string; phoneNumbers: EmulatorNumber[] }[];
}
interface OurNumber {
  id: string;
  metaPhoneNumberId: string;
  displayPhoneNumber: string;
  active: boolean;
}

const BANNER_TEXT = "WhatsApp needs to be reconnected: sending is paused, queued messages are kept";

describe("Settings → WhatsApp Connection in headless Chromium", () => {
  const suite = browserSuite();

  const emulatorState = async () =>
    (await (await fetch(`${suite.wharf.url}/_meta/_emulator/state`)).json()) as EmulatorState;
  const revokeEveryToken = async () => {
    const answer = await fetch(`${suite.wharf.url}/_meta/_emulator/tokens/revoke`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    expect(answer.ok).toBe(true);
  };
  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${suite.wharf.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${suite.wharf.demo.apiKey}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }).then(async (res) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> }));
  const connectionStatus = async () => (await api("GET", "/v1/connection")).body["status"];
  const account = (page: Page) => page.getByRole("region", { name: "WhatsApp Business Account" });
  const banner = (page: Page) => page.getByRole("alert").filter({ hasText: BANNER_TEXT });
  const numberRow = (page: Page, number: string) =>
    page
      .getByRole("table", { name: "Phone numbers" })
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: number }) });
  const badgeIn = (scope: Locator, label: string) => scope.getByText(label, { exact: true });
  const shoot = (page: Page, name: string) =>
    page.screenshot({ path: `/tmp/wharf-connection-${name}.png`, fullPage: true });

  /** In Meta's dialog (the emulator's page): press Continue and follow Meta and our callback back. */
  async function approveInDialog(page: Page, screenshot?: string) {
    await page.waitForURL((url) => url.pathname.endsWith("/_meta/v23.0/dialog/oauth"));
    if (screenshot) await shoot(page, screenshot);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL((url) => url.pathname === "/" && url.hash === "#/settings/whatsapp");
    await page.getByRole("status").filter({ hasText: "WhatsApp is connected" }).waitFor();
    // The outcome is shown once and dropped from the address.
    await expect.poll(() => page.url()).toBe(`${suite.wharf.url}/#/settings/whatsapp`);
    await badgeIn(account(page), "Connected").waitFor();
  }

  it("connects, activates a number with its PIN, shows the Reconnect banner after a revoke, reconnects", async () => {
    // A retry (CI retries once) starts where the first attempt did: not connected.
    if ((await connectionStatus()) !== "disconnected") expect((await api("DELETE", "/v1/connection")).status).toBe(200);
    const page = await openPage(suite.browser, suite.wharf.url, suite.pageErrors);
    // Everything the dashboard sends and receives, searched at the end for Meta's tokens.
    const traffic: Promise<string>[] = [];
    page.on("request", (request) =>
      traffic.push(
        Promise.resolve(`${request.url()} ${JSON.stringify(request.headers())} ${request.postData() ?? ""}`),
      ),
    );
    page.on("response", (response) =>
      traffic.push(
        response.text().then(
          (body) => `${JSON.stringify(response.headers())} ${body}`,
          () => "",
        ),
      ),
    );
    await logIn(page, suite.wharf.demo.email, suite.wharf.demo.password);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "WhatsApp Connection" }).click();
    await page.getByRole("heading", { level: 1, name: "WhatsApp Connection" }).waitFor();
    await badgeIn(account(page), "Not connected").waitFor();
    await shoot(page, "1-disconnected");

    await account(page).getByRole("button", { name: "Connect WhatsApp" }).click();
    await approveInDialog(page, "2-meta-dialog");
    const waba = (await emulatorState()).wabas[0]!;
    await account(page).getByText(waba.name).waitFor();
    await account(page).getByText(waba.id, { exact: true }).waitFor();

    // The number to activate, and its two-step PIN from the emulator (matched on Meta's id).
    const ours = (
      (await (await page.request.get(`${suite.wharf.url}/v1/phone-numbers`)).json()) as { data: OurNumber[] }
    ).data;
    expect(ours).toHaveLength(waba.phoneNumbers.length);
    // The first number not active yet: a failed first attempt may have activated the first.
    const target = ours.find((n) => !n.active)!;
    const pin = waba.phoneNumbers.find((n) => n.id === target.metaPhoneNumberId)!.pin;
    const row = numberRow(page, target.displayPhoneNumber);
    await badgeIn(row, "Inactive").waitFor();

    // A wrong PIN: Meta's own message, next to that number, and the number stays inactive.
    await row.getByLabel(/PIN/).fill(pin === "000000" ? "111111" : "000000");
    await row.getByRole("button", { name: "Activate" }).click();
    await row.getByRole("alert").filter({ hasText: "Meta refused" }).waitFor();
    await badgeIn(row, "Inactive").waitFor();
    await shoot(page, "3-wrong-pin");

    await row.getByLabel(/PIN/).fill(pin);
    await row.getByRole("button", { name: "Activate" }).click();
    await badgeIn(row, "Active").waitFor();
    expect(await row.getByRole("alert").count()).toBe(0);
    await shoot(page, "4-active");

    // Meta revokes the token. Sync meets the 190, the server answers 409 and pauses the workspace,
    // and the shell shows the banner; the number stays active but paused.
    await revokeEveryToken();
    await page.getByRole("region", { name: "Phone numbers" }).getByRole("button", { name: "Sync" }).click();
    await page.getByRole("alert").filter({ hasText: "reconnect WhatsApp" }).first().waitFor();
    await banner(page).waitFor();
    await badgeIn(account(page), "Needs reconnect").waitFor();
    await badgeIn(row, "Paused").waitFor();
    await shoot(page, "5-needs-reconnect");

    // The banner is the shell's: it is on every page, and reconnects from there.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inbox" }).click();
    await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    await banner(page).waitFor();
    await shoot(page, "6-banner-on-inbox");
    await banner(page).getByRole("button", { name: "Reconnect" }).click();
    await approveInDialog(page);

    await badgeIn(numberRow(page, target.displayPhoneNumber), "Active").waitFor();
    await expect.poll(() => badgeIn(numberRow(page, target.displayPhoneNumber), "Paused").count()).toBe(0);
    await expect.poll(() => banner(page).count()).toBe(0);
    await account(page).getByRole("button", { name: "Check now" }).click();
    await account(page).getByRole("status").filter({ hasText: "Meta accepted the token" }).waitFor();
    await badgeIn(account(page), "Connected").waitFor();
    await shoot(page, "7-reconnected");
    await page.context().close();

    // Acceptance (issue 4): the token never appears in the dashboard's network traffic.
    const tokens: string[] =
      JSON.stringify(await (await fetch(`${suite.wharf.url}/_meta/_emulator/state`)).json()).match(
        /EAA[A-Za-z0-9]{20,}/g,
      ) ?? [];
    expect(tokens.length).toBeGreaterThanOrEqual(2); // the first token and the one after the reconnect
    const seen = (await Promise.all(traffic)).join("\n");
    expect(seen.length).toBeGreaterThan(1000);
    for (const token of tokens) expect(seen.includes(token), "a Meta token in the dashboard's traffic").toBe(false);
  }, 90_000);

  it("shows the banner without a reload when the token lapses while the dashboard is open", async () => {
    // A retry finds the token the first attempt revoked: connect again (Meta's dialog over HTTP) first.
    if ((await connectionStatus()) !== "connected") {
      const prepared = await api("POST", "/v1/connection/prepare");
      const { code, state } = await approveOverHttp(prepared.body["authorizationUrl"] as string);
      expect((await api("POST", "/v1/connection/connect", { code, state })).status).toBe(200);
    }
    const page = await openPage(suite.browser, suite.wharf.url, suite.pageErrors);
    await logIn(page, suite.wharf.demo.email, suite.wharf.demo.password);
    await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    await expect.poll(() => banner(page).count()).toBe(0);

    // Someone else's call (an API client's, with the workspace key) meets the revoked token.
    await revokeEveryToken();
    const check = await fetch(`${suite.wharf.url}/v1/connection/check`, {
      method: "POST",
      headers: { Authorization: `Bearer ${suite.wharf.demo.apiKey}` },
    });
    expect(((await check.json()) as { status: string }).status).toBe("needs_reconnect");

    // The shell's own polling finds it; nothing is clicked and the page is not reloaded.
    await banner(page).waitFor({ timeout: 12_000 });
    await page.context().close();
  }, 60_000);

  it("shows Meta's refusal when the dialog is cancelled, and leaves the connection as it was", async () => {
    const page = await openPage(suite.browser, `${suite.wharf.url}/#/settings/whatsapp`, suite.pageErrors);
    await logIn(page, suite.wharf.demo.email, suite.wharf.demo.password);
    const before = await account(page).locator(".badge").textContent();
    await account(page)
      .getByRole("button", { name: /^(Connect WhatsApp|Reconnect)$/ })
      .click();
    await page.waitForURL((url) => url.pathname.endsWith("/_meta/v23.0/dialog/oauth"));
    await page.getByRole("button", { name: "Cancel" }).click();

    // The words are the dashboard's own for the code; nothing from the URL is shown (issue 11, finding 9).
    await page.getByRole("alert").filter({ hasText: "The connection was cancelled in Meta's dialog" }).waitFor();
    await expect.poll(() => page.url()).toBe(`${suite.wharf.url}/#/settings/whatsapp`);
    expect(await account(page).locator(".badge").textContent()).toBe(before);
    await shoot(page, "8-cancelled");
    await page.context().close();
  }, 60_000);

  it("never shows text taken from the address: a crafted connect link gets the dashboard's own words", async () => {
    const crafted = `${suite.wharf.url}/?connect=error&code=ATTACKER&message=${encodeURIComponent("Call +1 555 0100 to verify your account")}#/settings/whatsapp`;
    const page = await openPage(suite.browser, crafted, suite.pageErrors);
    await logIn(page, suite.wharf.demo.email, suite.wharf.demo.password);
    await page.getByRole("alert").filter({ hasText: "Connecting to WhatsApp failed. Try again." }).waitFor();
    expect(await page.content()).not.toContain("Call +1 555 0100");
    await page.context().close();
  }, 60_000);
});
