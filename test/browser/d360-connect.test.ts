// Acceptance 4 of issue 15: "Connect by yourself" through the 360dialog stand-in in headless
// Chromium (the Connect page, then a pasted key replacing the partner's), then a reply sent from
// the inbox goes out through 360dialog.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { D360_SEED } from "../../src/emulator/index.js";
import { apart, attemptCounter, browserSuite, logIn, openPage } from "./support.js";

const CUSTOMER = "15550036001";

describe("Connect by yourself (360dialog) in headless Chromium", () => {
  const suite = browserSuite();

  const emulator = async (path: string, body?: unknown) => {
    const res = await fetch(`${suite.wharf.url}/_meta/_emulator${path}`, {
      method: body === undefined ? "GET" : "POST",
      ...(body !== undefined ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}),
    });
    return (await res.json()) as Record<string, unknown>;
  };
  const api = async (path: string) => {
    const res = await fetch(`${suite.wharf.url}${path}`, {
      headers: { authorization: `Bearer ${suite.wharf.demo.apiKey}` },
    });
    return (await res.json()) as Record<string, unknown>;
  };
  const section = (page: Page) => page.getByRole("region", { name: "Connect by yourself (360dialog)" });
  const account = (page: Page) => page.getByRole("region", { name: "WhatsApp Business Account" });
  const shoot = (page: Page, name: string) =>
    page.screenshot({ path: `/tmp/wharf-d360-connect-${name}.png`, fullPage: true });

  const attempts = attemptCounter();
  it("connects through 360dialog's Connect page, takes a pasted key, and the inbox replies through 360dialog", async () => {
    // A retry (CI retries once) starts where the first attempt did, not connected, and its reply is
    // its own: the first attempt's is in Dee's thread.
    const answer = apart(attempts(), "Yes, through 360dialog.");
    if ((await api("/v1/connection")).status !== "disconnected") {
      const res = await fetch(`${suite.wharf.url}/v1/connection`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${suite.wharf.demo.apiKey}` },
      });
      expect(res.status).toBe(200);
    }
    const page = await openPage(suite.browser, suite.wharf.url, suite.pageErrors);
    await logIn(page, suite.wharf.demo.email, suite.wharf.demo.password);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "WhatsApp Connection" }).click();
    await page.getByRole("heading", { level: 1, name: "WhatsApp Connection" }).waitFor();
    await account(page).getByText("Not connected", { exact: true }).waitFor();
    await shoot(page, "1-offered");

    // The Connect button: 360dialog's page (the stand-in's), grant one number, back to Wharf.
    await section(page).getByRole("button", { name: "Connect through 360dialog" }).click();
    await page.waitForURL((url) => url.pathname.endsWith("/permissions"));
    await page.locator(`input[name="channel_${D360_SEED.channelIds[0]}"]`).check();
    await shoot(page, "2-connect-page");
    await page.getByRole("button", { name: "Grant permission" }).click();
    await page.waitForURL((url) => url.pathname === "/" && url.hash === "#/settings/whatsapp");
    await page.getByRole("status").filter({ hasText: "WhatsApp is connected" }).waitFor();
    await account(page).getByText("Connected", { exact: true }).waitFor();
    await shoot(page, "3-connected");

    // The client generates its own key in the Hub (the partner's is revoked) and pastes it.
    const { apiKey } = (await emulator(`/360dialog/channels/${D360_SEED.channelIds[0]}/api-key`, {})) as {
      apiKey: string;
    };
    await section(page).getByLabel("360dialog API key").fill(apiKey);
    await section(page).getByRole("button", { name: "Connect with this key" }).click();
    await section(page).getByRole("status").filter({ hasText: "Connected through 360dialog" }).waitFor();
    expect(await section(page).getByLabel("360dialog API key").inputValue()).toBe("");
    const connection = await api("/v1/connection");
    expect(connection).toMatchObject({ status: "connected", channel: "360dialog" });

    // A customer writes to the number (through 360dialog's webhook); the agent replies from the inbox.
    const numbers = (await api("/v1/phone-numbers")).data as { metaPhoneNumberId: string; active: boolean }[];
    expect(numbers).toHaveLength(1);
    expect(numbers[0]!.active).toBe(true);
    const metaPhoneNumberId = numbers[0]!.metaPhoneNumberId;
    await emulator("/inbound", { phoneNumberId: metaPhoneNumberId, from: CUSTOMER, text: "Hi, via 360?", name: "Dee" });
    await page.goto(`${suite.wharf.url}/#/inbox`);
    await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    const entry = page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: /Dee/ });
    await entry.waitFor({ timeout: 20_000 });
    await entry.click();
    const reply = page.getByRole("region", { name: "Reply" });
    await reply.getByRole("status").filter({ hasText: "Window open" }).waitFor();
    await reply.getByLabel("Reply").fill(answer);
    await reply.getByLabel("Reply").press("Enter");
    await page
      .getByRole("list", { name: "Messages with Dee" })
      .getByRole("listitem")
      .filter({ hasText: answer })
      .waitFor();
    await expect
      .poll(
        async () =>
          ((await emulator(`/messages?phoneNumberId=${metaPhoneNumberId}`)).data as { body: unknown }[]).map((m) =>
            JSON.stringify(m.body),
          ),
        { timeout: 20_000, interval: 250 },
      )
      .toContainEqual(expect.stringContaining(JSON.stringify(answer)));
    await shoot(page, "4-replied");
  }, 120_000);
});
