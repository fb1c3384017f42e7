// Acceptance: logging in through the dashboard works in headless Chromium, against the whole app
// started in-process (sandbox mode, temporary data dir) by the real harness.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserSuite, logIn, openPage } from "./support.js";

const NAV_LINKS = ["Inbox", "Campaigns", "Templates", "Catalog", "WhatsApp Connection", "Team"];

describe("dashboard login in headless Chromium", () => {
  const suite = browserSuite();

  const openDashboard = () => openPage(suite.browser, suite.wharf.url, suite.pageErrors);

  const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });
  const pageHeading = (page: Page, name: string) => page.getByRole("heading", { level: 1, name, exact: true });

  it("logs in, shows the workspace and navigation, keeps the session on reload, logs out", async () => {
    const page = await openDashboard();
    await logIn(page, suite.wharf.demo.email, suite.wharf.demo.password);

    await mainNav(page).waitFor();
    const switcher = page.getByLabel("Workspace");
    expect(await switcher.inputValue()).toBe(suite.wharf.demo.workspaceId);
    expect(await switcher.locator("option:checked").textContent()).toBe(suite.wharf.demo.workspaceName);
    for (const name of NAV_LINKS) {
      expect(await mainNav(page).getByRole("link", { name, exact: true }).count()).toBe(1);
    }
    await pageHeading(page, "Inbox").waitFor();
    await page.screenshot({ path: "/tmp/wharf-login.png", fullPage: true });

    await mainNav(page).getByRole("link", { name: "Campaigns" }).click();
    await pageHeading(page, "Campaigns").waitFor();
    expect(new URL(page.url()).hash).toBe("#/campaigns");

    await page.reload();
    await pageHeading(page, "Campaigns").waitFor();
    expect(await page.getByLabel("Workspace").inputValue()).toBe(suite.wharf.demo.workspaceId);

    await page.getByRole("button", { name: "Log out" }).click();
    await page.getByRole("button", { name: "Log in" }).waitFor();
    expect(await mainNav(page).count()).toBe(0);
    // The server ended the session: the cookie no longer opens one, in the page or through the API.
    expect((await page.request.get(`${suite.wharf.url}/v1/auth/session`)).status()).toBe(401);
    await page.reload();
    await page.getByLabel("Email").waitFor();
    expect(await mainNav(page).count()).toBe(0);
    await page.context().close();
  }, 60_000);

  it("shows the server's error message when the password is wrong", async () => {
    const page = await openDashboard();
    await logIn(page, suite.wharf.demo.email, "not-the-password");

    const alert = page.getByRole("alert");
    await alert.waitFor();
    const answer = await fetch(`${suite.wharf.url}/v1/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: suite.wharf.demo.email, password: "not-the-password" }),
    });
    const body = (await answer.json()) as { error: { code: string; message: string } };
    expect(answer.status).toBe(401);
    expect(body.error.code).toBe("INVALID_CREDENTIALS");
    expect((await alert.textContent())?.trim()).toBe(body.error.message);

    expect(await mainNav(page).count()).toBe(0);
    expect(await page.getByLabel("Email").inputValue()).toBe(suite.wharf.demo.email);
    expect(await page.getByLabel("Password").inputValue()).toBe("");
    await page.context().close();
  }, 60_000);
});
