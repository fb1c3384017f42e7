// Acceptance: logging in through the dashboard works in headless Chromium, against the whole app
// started in-process (sandbox mode, temporary data dir) by the real harness.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startWharf } from "../support/wharf.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const NAV_LINKS = ["Inbox", "Campaigns", "Templates", "Catalog", "WhatsApp Connection"];
const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

describe("dashboard login in headless Chromium", () => {
  let wharf: Awaited<ReturnType<typeof startWharf>>;
  let browser: Browser;
  let pageErrors: Error[] = [];

  beforeAll(async () => {
    // A clean checkout has no build yet when the suite runs without `npm ci`'s prepare step.
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    if (!existsSync(`${repoRoot}web/dist/index.html`)) {
      const env = { ...process.env, NODE_ENV: "production" };
      execFileSync("npm", ["run", "build:web"], { cwd: repoRoot, stdio: "inherit", env });
    }
    wharf = await startWharf();
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await wharf?.close();
  });

  afterEach(() => {
    expect(pageErrors.map((error) => error.message)).toEqual([]);
    pageErrors = [];
  });

  async function openDashboard(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1200, height: 760 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on("pageerror", (error) => pageErrors.push(error));
    await page.goto(wharf.url);
    return page;
  }

  async function logIn(page: Page, email: string, password: string) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
  }

  const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });
  const pageHeading = (page: Page, name: string) => page.getByRole("heading", { level: 1, name, exact: true });

  it("logs in, shows the workspace and navigation, keeps the session on reload, logs out", async () => {
    const page = await openDashboard();
    await logIn(page, wharf.demo.email, wharf.demo.password);

    await mainNav(page).waitFor();
    const switcher = page.getByLabel("Workspace");
    expect(await switcher.inputValue()).toBe(wharf.demo.workspaceId);
    expect(await switcher.locator("option:checked").textContent()).toBe(wharf.demo.workspaceName);
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
    expect(await page.getByLabel("Workspace").inputValue()).toBe(wharf.demo.workspaceId);

    await page.getByRole("button", { name: "Log out" }).click();
    await page.getByRole("button", { name: "Log in" }).waitFor();
    expect(await mainNav(page).count()).toBe(0);
    // The server ended the session: the cookie no longer opens one, in the page or through the API.
    expect((await page.request.get(`${wharf.url}/v1/auth/session`)).status()).toBe(401);
    await page.reload();
    await page.getByLabel("Email").waitFor();
    expect(await mainNav(page).count()).toBe(0);
    await page.context().close();
  }, 60_000);

  it("shows the server's error message when the password is wrong", async () => {
    const page = await openDashboard();
    await logIn(page, wharf.demo.email, "not-the-password");

    const alert = page.getByRole("alert");
    await alert.waitFor();
    const answer = await fetch(`${wharf.url}/v1/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: wharf.demo.email, password: "not-the-password" }),
    });
    const body = (await answer.json()) as { error: { code: string; message: string } };
    expect(answer.status).toBe(401);
    expect(body.error.code).toBe("INVALID_CREDENTIALS");
    expect((await alert.textContent())?.trim()).toBe(body.error.message);

    expect(await mainNav(page).count()).toBe(0);
    expect(await page.getByLabel("Email").inputValue()).toBe(wharf.demo.email);
    expect(await page.getByLabel("Password").inputValue()).toBe("");
    await page.context().close();
  }, 60_000);
});
