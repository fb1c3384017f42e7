// Issue 20, the inbox for a team: a virtualised list paging over 600 conversations, search,
// assignment, status, internal notes, canned replies, the last message as the preview, and the
// unread badge.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { noteInboundMessages } from "../../src/modules/inbox/index.js";
import { systemClock } from "../../src/platform/clock.js";
import type { WorkspaceId } from "../../src/platform/workspace-id.js";
import { axeProblems } from "./axe.js";
import { apart, attemptCounter, browserSuite, logIn, openPage } from "./support.js";
import { connectedWorkspace, type Workspace } from "./workspace-setup.js";

const SEEDED = 600;
/** The most list rows the page may hold at once: the visible ones and the overscan, never all. */
const MAX_DRAWN = 60;

describe("Inbox for a team, in headless Chromium", () => {
  let ws: Workspace;

  const suite = browserSuite(async (wharf) => {
    ws = await connectedWorkspace(wharf);
    // 600 older conversations, written as an inbound message writes them (contact, conversation).
    const { db } = wharf.wharf.database;
    const start = Date.now() - 10 * 24 * 3600_000;
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < SEEDED; i++)
        await noteInboundMessages(trx, { clock: systemClock }, [
          {
            workspaceId: wharf.demo.workspaceId as WorkspaceId,
            phoneNumberId: ws.numbers.verified.id,
            metaPhoneNumberId: ws.numbers.verified.metaPhoneNumberId,
            waId: String(15550400000 + i),
            profileName: `Customer ${i}`,
            wamid: `wamid.seed${i}`,
            type: "text",
            content: { text: { body: `seed ${i}` } },
            timestamp: start + i * 60_000,
          },
        ]);
    });
    await ws.api.emulator("POST", "/inbound", {
      phoneNumberId: ws.numbers.verified.metaPhoneNumberId,
      from: "15550407777",
      text: "I need a refund for order 77",
      name: "Ann",
    });
    for (let tries = 0; (await ws.api.call("GET", "/v1/conversations?q=refund")).body.data.length !== 1; tries++) {
      if (tries > 300) throw new Error("Ann's message did not reach the inbox");
      await new Promise((r) => setTimeout(r, 50));
    }
    await ws.api.call("POST", "/v1/canned-replies", { shortcut: "refund", text: "Your refund is on its way." });
  });

  const list = (page: Page) => page.getByRole("navigation", { name: "Conversations" });
  const entries = (page: Page) => list(page).getByRole("link");

  async function openInbox(): Promise<Page> {
    const page = await openPage(suite.browser, `${suite.wharf.url}/#/inbox`, suite.pageErrors);
    await logIn(page, suite.wharf.demo.email, suite.wharf.demo.password);
    await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    return page;
  }

  /** Counts the list's rows after every change to the page; `window.__mostRows` is the highest seen. */
  const COUNT_ROWS = `(() => {
    const count = () => document.querySelectorAll('nav[aria-label="Conversations"] li').length;
    window.__mostRows = count();
    new MutationObserver(() => { window.__mostRows = Math.max(window.__mostRows, count()); })
      .observe(document.body, { childList: true, subtree: true });
  })()`;
  const rows = (page: Page) => list(page).getByRole("listitem");
  /** What a row tells assistive technology: its place and the size of the whole list. */
  const place = (row: ReturnType<typeof rows>) =>
    Promise.all([row.getAttribute("aria-posinset"), row.getAttribute("aria-setsize")]);

  it(
    "draws only the rows in view, loads older pages while scrolling, and opens the oldest",
    { timeout: 180_000 },
    async () => {
      const page = await openInbox();
      await page.evaluate(COUNT_ROWS);
      await list(page).getByRole("link", { name: /Ann/ }).getByText("I need a refund for order 77").waitFor();
      // The seeded ones have no message rows: they say whether the window is open.
      await list(page)
        .getByRole("link", { name: /Customer 599/ })
        .getByText("Window closed")
        .waitFor();
      // More can be loaded: the set's size is unknown (-1) until the last page.
      expect(await place(rows(page).first())).toEqual(["1", "-1"]);
      const drawnAtStart = await rows(page).count();
      expect(drawnAtStart).toBeGreaterThan(3);
      expect(drawnAtStart).toBeLessThan(MAX_DRAWN);

      // Scrolling to the end again and again brings every older page, until the oldest is drawn.
      const scroller = list(page).locator(".virtual-list");
      const oldest = list(page).getByRole("link", { name: /Customer 0\b/ });
      await expect
        .poll(
          async () => {
            await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
            return oldest.count();
          },
          { timeout: 120_000, interval: 200 },
        )
        .toBe(1);
      await expect.poll(() => list(page).getByRole("button", { name: "Load older conversations" }).count()).toBe(0);
      const oldestRow = rows(page).filter({ has: page.getByRole("link", { name: /Customer 0\b/ }) });
      expect(await place(oldestRow)).toEqual([String(SEEDED + 1), String(SEEDED + 1)]);
      await oldest.click();
      await page.locator(".thread-head").getByRole("heading", { name: "Customer 0" }).waitFor();
      expect(await oldest.getAttribute("aria-current")).toBe("true");
      const most = await page.evaluate<number>("window.__mostRows");
      expect(most).toBeGreaterThan(3);
      expect(most).toBeLessThan(MAX_DRAWN);

      // The keyboard: the open conversation holds the list's one tab stop; Home goes to the top,
      // the arrows move one row, End to the oldest again, drawing rows as focus reaches them.
      const focused = () =>
        page.evaluate<string | null>("document.activeElement?.closest('li')?.getAttribute('aria-posinset') ?? null");
      expect(await list(page).locator('a[tabindex="0"]').count()).toBe(1);
      await oldest.focus();
      await page.keyboard.press("Home");
      await expect.poll(focused).toBe("1");
      await page.keyboard.press("ArrowDown");
      await expect.poll(focused).toBe("2");
      await page.keyboard.press("End");
      await expect.poll(focused).toBe(String(SEEDED + 1));
      expect(await page.evaluate<number>("window.__mostRows")).toBeLessThan(MAX_DRAWN);
      // Scrolled far down a partly drawn list, the page still passes axe.
      expect(await axeProblems(page)).toEqual([]);
      await page.screenshot({ path: "/tmp/wharf-inbox-work-1-paged.png" });
      // The unread badge counts every unread conversation, in the nav and the tab's title.
      await page.getByLabel(`${SEEDED} unread conversations`).waitFor();
      await expect.poll(() => page.title()).toMatch(new RegExp(`^\\(${SEEDED}\\) Inbox`));
      await page.close();
    },
  );

  const teamAttempt = attemptCounter();
  it(
    "searches, assigns, sets a status, keeps notes, and replies with a canned reply",
    { timeout: 120_000 },
    async () => {
      // A retried attempt (CI retries once) works Ann's same conversation: its note is its own, and
      // the canned reply is counted against the ones the first attempt sent.
      const note = apart(teamAttempt(), "Order 77 was paid twice; refund approved.");
      const page = await openInbox();
      await page.keyboard.press("/");
      await page.getByLabel("Search conversations").fill("refund");
      await expect.poll(() => entries(page).count()).toBe(1);
      await entries(page).first().click();

      const head = page.locator(".thread-head");
      await head.getByRole("heading", { name: "Ann" }).waitFor();
      await head
        .getByLabel("Assignee")
        .selectOption({ label: "Demo Owner" })
        .catch(async () => {
          // The demo user's display name is the sandbox's; pick the first member whatever it is called.
          const first = await head.getByLabel("Assignee").locator("option").nth(1).getAttribute("value");
          await head.getByLabel("Assignee").selectOption(first);
        });
      await head.getByLabel("Status").selectOption("pending");
      await expect
        .poll(async () => (await ws.api.call("GET", "/v1/conversations?q=refund")).body.data[0])
        .toMatchObject({ status: "pending", assigneeId: expect.stringMatching(/^usr_/) });

      // "Mine" shows only Ann now; the search and the view combine.
      await page.getByLabel("Search conversations").fill("");
      await page.getByRole("button", { name: "Mine" }).click();
      await expect.poll(() => entries(page).count(), { timeout: 10_000 }).toBe(1);
      await list(page).getByRole("link", { name: /Ann/ }).getByText("pending", { exact: true }).waitFor();

      // Notes: private to the team, shown beside the thread.
      await head.getByRole("button", { name: "Notes" }).click();
      const notes = page.getByRole("region", { name: "Internal notes" });
      await notes.getByLabel("New note").fill(note);
      await notes.getByRole("button", { name: "Add note" }).click();
      await notes.getByText(note, { exact: true }).waitFor();

      // A canned reply: "/ref" offers it, Tab takes it, Enter sends it.
      const reply = page.getByRole("region", { name: "Reply" });
      const thread = page.getByRole("list", { name: "Messages with Ann" });
      const canned = thread.getByText("Your refund is on its way.");
      await thread.getByText("I need a refund for order 77").waitFor();
      const cannedBefore = await canned.count();
      await reply.getByLabel("Reply").fill("/ref");
      await reply.getByRole("list", { name: "Canned replies" }).getByText("/refund").waitFor();
      await reply.getByLabel("Reply").press("Tab");
      expect(await reply.getByLabel("Reply").inputValue()).toBe("Your refund is on its way.");
      await reply.getByLabel("Reply").press("Enter");
      await expect.poll(() => canned.count()).toBe(cannedBefore + 1);
      await expect
        .poll(async () => {
          const sent = (await ws.api.call("GET", "/v1/messages?to=15550407777")).body.data[0];
          return [sent.status, sent.error?.message];
        })
        .toEqual([expect.stringMatching(/^(sent|delivered|read)$/), undefined]);
      await page.screenshot({ path: "/tmp/wharf-inbox-work-2-thread.png" });
      await page.close();
    },
  );

  it("at 390 px wide the list and the thread stack, nothing overflows sideways", { timeout: 60_000 }, async () => {
    const page = await openInbox();
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => entries(page).count()).toBeGreaterThan(0);
    // A string, evaluated in the page: the test's own TypeScript has no DOM.
    const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: "/tmp/wharf-inbox-work-3-narrow.png", fullPage: true });
    await page.close();
  });
});
