// Acceptance (issue 19, 1): Embedded Signup's popup in headless Chromium against sandbox mode. The
// dashboard loads the emulator's stand-in of Meta's JavaScript SDK, FB.login opens the popup, and
// the popup posts Meta's WA_EMBEDDED_SIGNUP messages: a cancel shows "cancelled" with its step, an
// error shows Meta's message, a finish connects the WABA it names, and a token that grants several
// WABAs (when no message names one) makes the user pick.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { addEmulatorWaba, SEED_WABA_ID } from "../support/connect.js";
import { apart, attemptCounter, browserSuite, logIn, openPage } from "./support.js";

describe("Embedded Signup's popup in headless Chromium", () => {
  const suite = browserSuite();
  const emulator = (path: string, body: unknown) =>
    fetch(`${suite.wharf.url}/_meta/_emulator${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const account = (page: Page) => page.getByRole("region", { name: "WhatsApp Business Account" });

  async function openConnection(): Promise<Page> {
    const page = await openPage(suite.browser, suite.wharf.url, suite.pageErrors);
    await logIn(page, suite.wharf.demo.email, suite.wharf.demo.password);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "WhatsApp Connection" }).click();
    await page.getByRole("heading", { level: 1, name: "WhatsApp Connection" }).waitFor();
    return page;
  }

  let lastPopup: Page | undefined;
  /**
   * Clicks the button; Meta's popup (the emulator's) opens through FB.login. The popup is a named
   * window that closes itself a moment after it answers: opened again before it has gone, the
   * browser reuses it (no new popup), so the previous one is waited out first.
   */
  async function openPopup(page: Page): Promise<Page> {
    if (lastPopup && !lastPopup.isClosed()) await lastPopup.waitForEvent("close", { timeout: 30_000 });
    const [popup] = await Promise.all([
      // The SDK script loads before the popup opens: on a loaded CI machine that takes a while.
      page.waitForEvent("popup", { timeout: 30_000 }),
      page.getByRole("button", { name: "Connect with Embedded Signup" }).click({ timeout: 30_000 }),
    ]);
    await popup.waitForLoadState();
    await popup.getByRole("heading", { name: /Connect your WhatsApp/ }).waitFor({ timeout: 30_000 });
    lastPopup = popup;
    return popup;
  }

  it("cancel shows the step, an error shows Meta's message, finish connects the WABA it names", async () => {
    // A retry (CI retries once) starts where the first attempt did: not connected.
    const connection = await fetch(`${suite.wharf.url}/v1/connection`, {
      headers: { authorization: `Bearer ${suite.wharf.demo.apiKey}` },
    });
    if (((await connection.json()) as { status: string }).status !== "disconnected") {
      const res = await fetch(`${suite.wharf.url}/v1/connection`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${suite.wharf.demo.apiKey}` },
      });
      expect(res.status).toBe(200);
    }
    const page = await openConnection();
    await account(page).getByText("Not connected", { exact: true }).waitFor();

    let popup = await openPopup(page);
    await popup.getByLabel("Leave at step").selectOption("PHONE_NUMBER_VERIFICATION");
    await popup.getByRole("button", { name: "Cancel" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: 'Embedded Signup was cancelled at the step "verifying the phone number"' })
      .waitFor();
    expect(await page.getByText("Permissions error").count()).toBe(0);

    popup = await openPopup(page);
    await popup.getByLabel("Problem").fill("The phone number is already registered to another WhatsApp account");
    await popup.getByRole("button", { name: "Report an error" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Meta's Embedded Signup reported an error" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("The phone number is already registered to another WhatsApp account");
    expect(await alert.textContent()).toContain("524126");

    // Two WABAs shared (the token grants both); the one FINISH names (the first ticked) is connected.
    // (Once: a retry finds the first attempt's second WABA in the emulator.)
    const state = (await (await fetch(`${suite.wharf.url}/_meta/_emulator/state`)).json()) as {
      wabas: { name: string }[];
    };
    if (!state.wabas.some((w) => w.name.startsWith("Popup Two"))) await addEmulatorWaba(suite.wharf.url, "Popup Two");
    popup = await openPopup(page);
    expect(await popup.getByRole("checkbox").count()).toBe(2);
    await popup.getByRole("button", { name: "Finish", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "WhatsApp is connected through Embedded Signup" }).waitFor();
    await account(page).getByText("Connected", { exact: true }).waitFor();
    await account(page).getByText(SEED_WABA_ID).waitFor();
    await page.screenshot({ path: "/tmp/wharf-embedded-signup-finish.png", fullPage: true });
  }, 120_000);

  const pickAttempt = attemptCounter();
  it("several WABAs and no session message: the user picks the account", async () => {
    // A retried attempt adds a WABA of its own name: the first attempt's is still offered.
    const third = apart(pickAttempt(), "Popup Three");
    // Disconnect first (the previous test connected), then let the popup say nothing but the code.
    const page = await openConnection();
    await account(page)
      .getByText(/^(Connected|Not connected)$/)
      .waitFor();
    if (await account(page).getByText("Connected", { exact: true }).isVisible()) {
      await page.getByRole("button", { name: "Disconnect" }).click();
      await page.getByRole("button", { name: "Yes, disconnect" }).click();
      await account(page).getByText("Not connected", { exact: true }).waitFor();
    }
    expect((await emulator("/embedded-signup", { sessionEvents: false })).ok).toBe(true);
    const added = await addEmulatorWaba(suite.wharf.url, third);
    const popup = await openPopup(page);
    await popup.getByRole("button", { name: "Finish", exact: true }).click();
    const chooser = page.getByRole("group", { name: /several WhatsApp Business Accounts/ });
    await chooser.waitFor();
    expect(await chooser.getByRole("radio").count()).toBeGreaterThanOrEqual(2);
    await chooser.getByRole("radio", { name: new RegExp(`${third} WABA`) }).check();
    await page.screenshot({ path: "/tmp/wharf-embedded-signup-choose.png", fullPage: true });
    await chooser.getByRole("button", { name: "Connect this account" }).click();
    await page.getByRole("status").filter({ hasText: "WhatsApp is connected through Embedded Signup" }).waitFor();
    await account(page).getByText(added.wabaId).waitFor();
    expect((await emulator("/embedded-signup", { sessionEvents: true })).ok).toBe(true);
  }, 120_000);
});
