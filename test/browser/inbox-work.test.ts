// Issue 20, the inbox for a team: paging over 500 conversations, search, assignment, status,
// internal notes, canned replies, the last message as the preview, and the unread badge.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { noteInboundMessage } from "../../src/modules/inbox/index.js";
import { systemClock } from "../../src/platform/clock.js";
import type { WorkspaceId } from "../../src/platform/workspace-id.js";
import { browserSuite, logIn, openPage } from "./support.js";
import { connectedWorkspace, type Workspace } from "./workspace-setup.js";

const SEEDED = 520;

describe("Inbox for a team, in headless Chromium", () => {
  let ws: Workspace;

  const suite = browserSuite(async (wharf) => {
    ws = await connectedWorkspace(wharf);
    // 520 older conversations, written as an inbound message writes them (contact, conversation).
    const { db } = wharf.wharf.database;
    const start = Date.now() - 10 * 24 * 3600_000;
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < SEEDED; i++)
        await noteInboundMessage(trx, { clock: systemClock }, wharf.demo.workspaceId as WorkspaceId, {
          phoneNumberId: ws.numbers.verified.id,
          metaPhoneNumberId: ws.numbers.verified.metaPhoneNumberId,
          waId: String(15550400000 + i),
          profileName: `Customer ${i}`,
          wamid: `wamid.seed${i}`,
          type: "text",
          content: { text: { body: `seed ${i}` } },
          timestamp: start + i * 60_000,
        });
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

  it("pages through every conversation and shows each one's last message", { timeout: 180_000 }, async () => {
    const page = await openInbox();
    await expect.poll(() => entries(page).count()).toBe(50);
    // Previews are the last message, also after a reload (not "Window open").
    await list(page).getByRole("link", { name: /Ann/ }).getByText("I need a refund for order 77").waitFor();
    // The seeded ones have no message rows: they say whether the window is open.
    await list(page)
      .getByRole("link", { name: /Customer 519/ })
      .getByText("Window closed")
      .waitFor();
    const more = list(page).getByRole("button", { name: "Load older conversations" });
    for (let loaded = 50; loaded < SEEDED + 1; loaded += 50) {
      await more.click();
      await expect.poll(() => entries(page).count()).toBe(Math.min(loaded + 50, SEEDED + 1));
    }
    expect(await more.count()).toBe(0);
    await list(page)
      .getByRole("link", { name: /Customer 0\b/ })
      .waitFor();
    await page.screenshot({ path: "/tmp/wharf-inbox-work-1-paged.png" });
    // The unread badge counts every unread conversation, in the nav and the tab's title.
    await page.getByLabel(`${SEEDED + 1} unread conversations`).waitFor();
    await expect.poll(() => page.title()).toMatch(new RegExp(`^\\(${SEEDED + 1}\\) Inbox`));
    await page.close();
  });

  it(
    "searches, assigns, sets a status, keeps notes, and replies with a canned reply",
    { timeout: 120_000 },
    async () => {
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
      await notes.getByLabel("New note").fill("Order 77 was paid twice; refund approved.");
      await notes.getByRole("button", { name: "Add note" }).click();
      await notes.getByText("Order 77 was paid twice; refund approved.").waitFor();

      // A canned reply: "/ref" offers it, Tab takes it, Enter sends it.
      const reply = page.getByRole("region", { name: "Reply" });
      await reply.getByLabel("Reply").fill("/ref");
      await reply.getByRole("list", { name: "Canned replies" }).getByText("/refund").waitFor();
      await reply.getByLabel("Reply").press("Tab");
      expect(await reply.getByLabel("Reply").inputValue()).toBe("Your refund is on its way.");
      await reply.getByLabel("Reply").press("Enter");
      await page.getByRole("list", { name: "Messages with Ann" }).getByText("Your refund is on its way.").waitFor();
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
