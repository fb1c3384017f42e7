// What every browser test needs: a current dashboard build, Debian's Chromium, a fresh page that
// records uncaught page errors, and the login form.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { startWharf, type StartedWharf } from "../support/wharf.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const webRoot = join(repoRoot, "web");
const builtIndex = join(webRoot, "dist", "index.html");
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildIsCurrent(): boolean {
  if (!existsSync(builtIndex)) return false;
  const sources = Math.max(
    newestSourceMtime(join(webRoot, "src")),
    statSync(join(webRoot, "index.html")).mtimeMs,
    statSync(join(webRoot, "vite.config.ts")).mtimeMs,
  );
  return statSync(builtIndex).mtimeMs >= sources;
}

/**
 * Builds web/dist when it is missing (a clean checkout without `npm ci`'s prepare step) or older than
 * web/src. Test files run in parallel workers: a lock directory makes one build while the others
 * wait, so no page is served from a dist folder that Vite is emptying.
 */
export async function ensureDashboardBuilt(): Promise<void> {
  const lock = join(
    tmpdir(),
    `wharf-web-build-${createHash("sha256").update(repoRoot).digest("hex").slice(0, 12)}.lock`,
  );
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is stale after a few minutes.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    if (buildIsCurrent()) return;
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    const env = { ...process.env, NODE_ENV: "production" };
    execFileSync("npm", ["run", "build:web"], { cwd: repoRoot, stdio: "inherit", env });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** The browser the tests drive: `CHROMIUM_PATH` when set (README), else Debian's package. */
export const chromiumPath = (env: NodeJS.ProcessEnv = process.env): string => env.CHROMIUM_PATH || "/usr/bin/chromium";

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });

/** A page in its own context (own cookies) at `url`; uncaught errors go into `pageErrors`. */
export async function openPage(browser: Browser, url: string, pageErrors: Error[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 760 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on("pageerror", (error) => pageErrors.push(error));
  await page.goto(url);
  return page;
}

export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

export interface BrowserSuite {
  wharf: StartedWharf;
  browser: Browser;
  /** Errors the suite's pages threw; each test fails if any, and starts with none. */
  pageErrors: Error[];
}

/**
 * A suite's Wharf (sandbox, `setup` run on it once) and its Chromium, started before the first test
 * and closed after the last; after each test, no page may have thrown.
 */
export function browserSuite(
  setup?: (wharf: StartedWharf) => Promise<void>,
  options: Parameters<typeof startWharf>[0] = {},
): BrowserSuite {
  const suite = { pageErrors: [] as Error[] } as BrowserSuite;
  beforeAll(async () => {
    await ensureDashboardBuilt();
    suite.wharf = await startWharf(options);
    await setup?.(suite.wharf);
    suite.browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.wharf?.close();
  });
  afterEach(() => {
    expect(suite.pageErrors.map((error) => error.message)).toEqual([]);
    suite.pageErrors.length = 0;
  });
  return suite;
}

/**
 * Counts a test's attempts: call it once at the start of the test, it answers 1, then 2 on the retry
 * CI makes of a failed test (vitest.config.ts). The suite's Wharf is shared by both attempts, so
 * what the first one created is still there on the second.
 */
export function attemptCounter(): () => number {
  let attempts = 0;
  return () => ++attempts;
}

/** `text` on the first attempt, `text` and the attempt's number after it: a retry's names stay apart. */
export const apart = (attempt: number, text: string, separator = " "): string =>
  attempt === 1 ? text : `${text}${separator}${attempt}`;
