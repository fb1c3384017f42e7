// Issue 20: every dashboard page, at 1280 px and at 390 px wide, is checked with axe-core (axe.ts:
// no "serious" or "critical" violation, one main landmark, an h1, headings in order), with what
// page-audit.browser.js checks that axe does not (unique ids, keyboard reach), and for layout
// (nothing makes the page scroll sideways, no interactive elements overlap); a screenshot of each
// is saved under .tmp/screenshots/ for a person to look at.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeProblems } from "./axe.js";
import { browserSuite, logIn } from "./support.js";
import { approvedTemplate, connectedWorkspace, type Workspace } from "./workspace-setup.js";

const SCREENSHOTS = fileURLToPath(new URL("../../.tmp/screenshots/", import.meta.url));
const WIDTHS = [1280, 390] as const;
/** auditPage() and layoutProblems(), evaluated in the page (see the file). */
const AUDIT = readFileSync(new URL("./page-audit.browser.js", import.meta.url), "utf8");
const audit = (page: Page) =>
  page.evaluate<string[]>(`(() => { ${AUDIT}; return [...auditPage(), ...layoutProblems()]; })()`);
/** The dashboard's pages, as its router lists them (web/src/router.ts runs in a browser only). */
const ROUTES = [
  .../ROUTES = \[([^\]]+)\]/
    .exec(readFileSync(new URL("../../web/src/router.ts", import.meta.url), "utf8"))![1]!
    .matchAll(/"([^"]+)"/g),
].map((m) => m[1]!);

describe("Every dashboard page, in headless Chromium", () => {
  let ws: Workspace;
  const suite = browserSuite(async (wharf) => {
    ws = await connectedWorkspace(wharf);
    await approvedTemplate(ws, "order_update", "Your order {{1}} has shipped.", ["A-100"]);
    await ws.api.emulator("POST", "/inbound", {
      phoneNumberId: ws.numbers.verified.metaPhoneNumberId,
      from: "15550409999",
      text: "Where is my order? https://example.com/track",
      name: "Bea",
    });
    for (let tries = 0; (await ws.api.call("GET", "/v1/conversations")).body.data.length === 0; tries++) {
      if (tries > 300) throw new Error("Bea's message did not reach the inbox");
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  async function open(width: number): Promise<Page> {
    const context = await suite.browser.newContext({ viewport: { width, height: 844 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on("pageerror", (error) => suite.pageErrors.push(error));
    await page.goto(`${suite.wharf.url}/#/inbox`);
    return page;
  }

  /** The page has drawn its data: its h1 is there and nothing says it is still loading. */
  async function settled(page: Page): Promise<void> {
    await page.locator("h1").first().waitFor();
    await page.waitForFunction("!/Loading…|Loading\\.\\.\\./.test(document.body.innerText)", undefined, {
      timeout: 20_000,
    });
  }

  async function check(page: Page, name: string, width: number): Promise<string[]> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const file = join(SCREENSHOTS, `${name.replaceAll("/", "-")}-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    const problems = [...(await axeProblems(page)), ...(await audit(page))];
    return problems.map((p) => `${name} @${width}: ${p}`);
  }

  it("axe and the audit find each kind of problem on a page made to have them", async () => {
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 600 } });
    const page = await context.newPage();
    await page.setContent(`<body style="margin:0">
      <h2>No h1, and then</h2><h4>a skipped level</h4>
      <input id="twice"><span id="twice"></span>
      <img src="data:,"><button></button><a href="#x" style="display:inline-block;width:20px;height:20px"></a>
      <p style="color:#bbb;background:#fff">pale text</p>
      <div aria-hidden="true"><button>hidden but focusable</button></div>
      <button tabindex="-3">skipped by Tab</button><span role="button">no keyboard</span>
      <div style="width:600px">too wide</div>
      <button style="position:absolute;top:300px;left:0;width:80px">one</button>
      <button style="position:absolute;top:305px;left:20px;width:80px">two</button>
    </body>`);
    const found = [...(await axeProblems(page)), ...(await audit(page))];
    const expected = [
      /^label \(critical\) \["input"\]/,
      /^button-name \(critical\)/,
      /^link-name \(serious\)/,
      /^image-alt \(critical\)/,
      /^color-contrast \(serious\) \["p"\].* contrast of 1\.91/,
      /^aria-hidden-focus \(serious\)/,
      /^html-has-lang \(serious\)/,
      /^landmark-one-main /,
      /^page-has-heading-one /,
      /^heading-order /,
      /^id "twice" used 2 times/,
      /^interactive element out of the tab order: <button> "skipped by Tab"/,
      /^role without keyboard access: <span> "no keyboard"/,
      /^page scrolls sideways \(600px > 390px\): <div> "too wide" reaches 600px/,
      /^overlap \d+×\d+px: <button> "one" and <button> "two"/,
    ];
    for (const pattern of expected)
      expect(
        found.some((p) => pattern.test(p)),
        `${String(pattern)} in ${found.join("\n")}`,
      ).toBe(true);
    await context.close();
  });

  for (const width of WIDTHS)
    it(`at ${width} px: the login page and every page after it pass the audit`, async () => {
      const page = await open(width);
      const problems: string[] = [];
      await page.getByRole("heading", { name: "Log in" }).waitFor();
      problems.push(...(await check(page, "login", width)));
      await logIn(page, suite.wharf.demo.email, suite.wharf.demo.password);
      await page.getByRole("navigation", { name: "Main" }).waitFor();
      for (const route of ROUTES) {
        await page.goto(`${suite.wharf.url}/#/${route}`);
        await settled(page);
        problems.push(...(await check(page, route, width)));
      }
      // The inbox with a conversation open, as an agent spends the day.
      await page.goto(`${suite.wharf.url}/#/inbox`);
      await settled(page);
      await page.getByRole("navigation", { name: "Conversations" }).getByRole("link").first().click();
      await page.getByRole("list", { name: "Messages with Bea" }).getByText("Where is my order?").waitFor();
      problems.push(...(await check(page, "inbox-conversation", width)));
      // What opens on top of a page: the thread's notes, the keys, a new conversation, a template's preview.
      await page.locator(".thread-head").getByRole("button", { name: "Notes" }).click();
      await page.getByRole("region", { name: "Internal notes" }).waitFor();
      problems.push(...(await check(page, "inbox-notes", width)));
      await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
      await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
      problems.push(...(await check(page, "inbox-keys", width)));
      await page.keyboard.press("Escape");
      await page.getByRole("button", { name: "New conversation" }).click();
      await page.getByRole("dialog", { name: "New conversation" }).waitFor();
      problems.push(...(await check(page, "inbox-new-conversation", width)));
      await page.goto(`${suite.wharf.url}/#/templates`);
      await settled(page);
      await page.getByRole("button", { name: "Preview" }).first().click();
      await page.getByRole("button", { name: "Hide preview" }).waitFor();
      problems.push(...(await check(page, "templates-preview", width)));
      console.log(`screenshots: ${SCREENSHOTS}`);
      expect(ROUTES.length).toBeGreaterThan(10);
      expect(problems).toEqual([]);
      await page.context().close();
    }, 240_000);
});
