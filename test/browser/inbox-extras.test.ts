// Issue 20, inbox extras: starting a conversation with a number that never wrote (an approved
// template first, as Meta requires outside the 24-hour window), opt-in browser notifications with a
// sound for new inbound messages, and keyboard shortcuts (j/k, r, e, ?).
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { apart, attemptCounter, browserSuite, logIn, openPage } from "./support.js";
import { acceptedByMeta, approvedTemplate, connectedWorkspace, type Workspace } from "./workspace-setup.js";

// Runs in the page before the dashboard: records every Notification constructed and every tone
// started (the browser's permission stays the real one, granted by the context), and lets the
// test say whether the tab is hidden.
const RECORD_NOTIFICATIONS = `
  const Real = window.Notification;
  window.shownNotifications = [];
  window.permissionRequests = 0;
  window.tones = 0;
  window.tabHidden = false;
  window.Notification = class {
    constructor(title, options = {}) {
      window.shownNotifications.push({ title, body: options.body, tag: options.tag });
      this.onclick = null;
    }
    close() {}
    static get permission() { return Real.permission; }
    static requestPermission() {
      window.permissionRequests += 1;
      return Real.requestPermission();
    }
  };
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args) {
    window.tones += 1;
    return start.apply(this, args);
  };
  Object.defineProperty(document, "hidden", { get: () => window.tabHidden === true });
`;

describe("Inbox extras in headless Chromium", () => {
  let ws: Workspace;

  const suite = browserSuite(async (wharf) => {
    ws = await connectedWorkspace(wharf);
    await approvedTemplate(ws, "welcome_back", "Hello {{1}}, we have news for you.", ["Ann"]);
  });

  const shoot = (page: Page, name: string) =>
    page.screenshot({ path: `/tmp/wharf-inbox-extras-${name}.png`, fullPage: true });
  const conversations = (page: Page) => page.getByRole("navigation", { name: "Conversations" });
  const customerWrites = (from: string, text: string, name: string) =>
    ws.api.emulator("POST", "/inbound", {
      phoneNumberId: ws.numbers.verified.metaPhoneNumberId,
      from,
      text,
      name,
    });

  async function openInbox(page?: Page): Promise<Page> {
    const opened = page ?? (await openPage(suite.browser, `${suite.wharf.url}/#/inbox`, suite.pageErrors));
    await logIn(opened, suite.wharf.demo.email, suite.wharf.demo.password);
    await opened.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    return opened;
  }

  const startAttempt = attemptCounter();
  it("starts a conversation with a new number by an approved template, and shows the API's error", async () => {
    // A retried attempt (CI retries once) writes to a number of its own, with a parameter of its
    // own: the first attempt's conversation and its message at Meta are still there.
    const attempt = startAttempt();
    const dee = apart(attempt, "Dee");
    const page = await openInbox();
    await page.getByRole("button", { name: "New conversation" }).click();
    const dialog = page.getByRole("dialog", { name: "New conversation" });
    const form = dialog.getByRole("form", { name: "Reply with a template" });
    await form.getByLabel("Template").selectOption({ label: "welcome_back · en_US" });
    await form.getByLabel("Parameter {{1}}").fill(dee);
    const atMetaBefore = await acceptedByMeta(ws, ws.numbers.verified.metaPhoneNumberId);

    // No phone: the server refuses, and the page shows the server's own words.
    const refused = await ws.api.call("POST", "/v1/messages", {
      from: ws.numbers.verified.id,
      to: "",
      type: "template",
      template: { name: "welcome_back", language: "en_US", parameters: ["Dee"] },
    });
    expect(refused.status).toBe(400);
    await form.getByRole("button", { name: "Send template" }).click();
    await form.getByRole("alert").filter({ hasText: refused.body.error.message }).waitFor();
    expect(await acceptedByMeta(ws, ws.numbers.verified.metaPhoneNumberId)).toEqual(atMetaBefore);

    // With the phone, the template goes to Meta and the new conversation opens.
    await dialog.getByLabel("From number").selectOption(ws.numbers.verified.id);
    await dialog.getByLabel("Customer's phone").fill(`+1 555 000 432${attempt}`);
    await shoot(page, "1-new-conversation");
    await form.getByRole("button", { name: "Send template" }).click();
    await page.waitForURL(/conversation=con_/);
    await expect.poll(() => page.getByRole("dialog", { name: "New conversation" }).count()).toBe(0);
    const conversationId = new URL(page.url().replace("#/", "")).searchParams.get("conversation");
    await page.getByText(`Template welcome_back (en_US): ${dee}`).waitFor();
    await conversations(page).locator('[aria-current="true"]').waitFor();
    const listed = await ws.api.call("GET", `/v1/conversations/${conversationId}`);
    expect(listed.body).toMatchObject({
      contact: { waId: `1555000432${attempt}` },
      phoneNumberId: ws.numbers.verified.id,
    });
    await expect
      .poll(async () => (await acceptedByMeta(ws, ws.numbers.verified.metaPhoneNumberId)).map((m) => m.body))
      .toContainEqual(
        expect.objectContaining({
          to: `+1555000432${attempt}`,
          type: "template",
          template: expect.objectContaining({
            name: "welcome_back",
            components: [{ type: "body", parameters: [{ type: "text", text: dee }] }],
          }),
        }),
      );
    await shoot(page, "2-conversation-opened");
    await page.context().close();
  }, 60_000);

  const notifyAttempt = attemptCounter();
  it("notifies of a new message (with a sound) only after opting in, and not for the conversation in view", async () => {
    // A retried attempt's messages are its own: the first attempt's are in Gil's and Hana's threads.
    const attempt = notifyAttempt();
    const say = (text: string) => apart(attempt, text);
    const context = await suite.browser.newContext({
      viewport: { width: 1200, height: 760 },
      permissions: ["notifications"],
    });
    // Record what the page does with Notification and the speaker; the browser's permission stays real.
    await context.addInitScript(RECORD_NOTIFICATIONS);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on("pageerror", (error) => suite.pageErrors.push(error));
    await page.goto(`${suite.wharf.url}/#/inbox`);
    await openInbox(page);
    const seen = () =>
      page.evaluate(() => (globalThis as unknown as { shownNotifications: unknown[] }).shownNotifications);
    const read = (name: string) => page.evaluate((n) => (globalThis as unknown as Record<string, number>)[n], name);
    const entry = (name: string) => conversations(page).getByRole("link", { name: new RegExp(name) });

    // Off by default: a message arrives, the list shows it, nothing is shown or asked.
    await customerWrites("15550007001", say("First question"), "Gil");
    await entry("Gil").getByText(say("First question")).waitFor();
    expect(await seen()).toEqual([]);
    expect(await read("permissionRequests")).toBe(0);

    // Opting in asks the browser once; the choice is kept in localStorage.
    const toggle = page.getByRole("checkbox", { name: "Notify me of new messages" });
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    expect(await read("permissionRequests")).toBe(1);
    expect(await page.evaluate('localStorage.getItem("wharf.inbox.notifications")')).toBe("on");

    // Gil's conversation open and in view: his next message needs no notification.
    await entry("Gil").click();
    await page.getByRole("list", { name: "Messages with Gil" }).waitFor();
    await customerWrites("15550007001", say("Are you there?"), "Gil");
    await page.getByRole("list", { name: "Messages with Gil" }).getByText(say("Are you there?")).waitFor();

    // Another customer writes while Gil's is open: notified, with the sound.
    await customerWrites("15550007002", say("Do you ship to Lisbon?"), "Hana");
    await expect
      .poll(seen, { timeout: 15_000 })
      .toEqual([expect.objectContaining({ title: "New message from Hana", body: say("Do you ship to Lisbon?") })]);
    await expect.poll(() => read("tones")).toBeGreaterThan(0);

    // The tab hidden: even the open conversation's message is notified.
    await page.evaluate(() => ((globalThis as unknown as Record<string, unknown>)["tabHidden"] = true));
    await customerWrites("15550007001", say("Hello?"), "Gil");
    await expect.poll(seen, { timeout: 15_000 }).toHaveLength(2);
    expect((await seen())[1]).toMatchObject({ title: "New message from Gil", body: say("Hello?") });

    // The setting survives a reload; turning it off stops them.
    await page.evaluate(() => ((globalThis as unknown as Record<string, unknown>)["tabHidden"] = false));
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Inbox" }).waitFor();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(false);
    await customerWrites("15550007002", say("Anyone?"), "Hana");
    await entry("Hana").getByText(say("Anyone?")).waitFor();
    expect(await seen()).toEqual([]);
    await context.close();
  }, 90_000);

  it("moves through conversations with j/k, focuses the reply with r, resolves with e, lists keys with ?", async () => {
    await customerWrites("15550008001", "Keys one", "Ivy");
    await customerWrites("15550008002", "Keys two", "Jon");
    const page = await openInbox();
    // The inbound webhooks are processed in the background: both conversations are in the list (the
    // page's and the API's, in the same order) before the keys move through it.
    await conversations(page).getByRole("link", { name: /Ivy/ }).waitFor();
    await conversations(page).getByRole("link", { name: /Jon/ }).waitFor();
    // j/k follow the list as the page shows it: wait until the page's order is the API's (a late
    // webhook or a live event can still move a conversation), then take that order.
    const idOf = (href: string | null) => new URLSearchParams((href ?? "").split("?")[1] ?? "").get("conversation");
    const shown = async () =>
      (
        await conversations(page)
          .getByRole("link")
          .evaluateAll((links) => links.map((l) => l.getAttribute("href")))
      )
        .map(idOf)
        .filter((id): id is string => id !== null);
    let list: { id: string }[] = [];
    await expect
      .poll(
        async () => {
          list = (await ws.api.call("GET", "/v1/conversations")).body.data as { id: string }[];
          return (
            (await shown()).slice(0, 2).join() ===
            list
              .slice(0, 2)
              .map((c) => c.id)
              .join()
          );
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    const current = () => idOf(page.url());

    await page.keyboard.press("j");
    await expect.poll(current).toBe(list[0]!.id);
    await page.keyboard.press("j");
    await expect.poll(current).toBe(list[1]!.id);
    await page.keyboard.press("k");
    await expect.poll(current).toBe(list[0]!.id);
    await conversations(page).locator('[aria-current="true"]').waitFor();

    // r: the reply box; letters typed there are words, not shortcuts.
    const reply = page.getByRole("region", { name: "Reply" }).getByLabel("Reply", { exact: true });
    await reply.waitFor();
    await page.keyboard.press("r");
    await expect.poll(() => reply.evaluate((box) => box === box.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.type("jek?");
    expect(await reply.inputValue()).toBe("jek?");
    expect(current()).toBe(list[0]!.id);
    expect(await page.getByRole("dialog", { name: "Keyboard shortcuts" }).count()).toBe(0);
    await reply.fill("");
    await reply.evaluate((box) => (box as unknown as { blur: () => void }).blur());

    // e resolves the open conversation, on the server too.
    await page.keyboard.press("e");
    await expect
      .poll(async () => (await ws.api.call("GET", `/v1/conversations/${list[0]!.id}`)).body.status)
      .toBe("resolved");

    // ? lists the keys; Escape closes the list.
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await help.getByText("Next conversation").waitFor();
    await help.getByText("Resolve the open conversation").waitFor();
    await shoot(page, "3-shortcuts");
    await page.keyboard.press("Escape");
    await expect.poll(() => help.count()).toBe(0);
    await page.context().close();
  }, 60_000);
});
