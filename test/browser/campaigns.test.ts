// Campaigns in headless Chromium: create a campaign of 5 from the page, watch the progress bar,
// counts and funnel reach read live, open a message's status timeline; then schedule, pause,
// resume and cancel, and read Meta's error for a recipient WhatsApp cannot reach.
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { eventually } from "../support/api-client.js";
import { browserSuite, logIn, openPage } from "./support.js";
import { approvedTemplate, connectedWorkspace, type Workspace } from "./workspace-setup.js";

const TEMPLATE = "shipping_notice";

describe("Campaigns page in headless Chromium", () => {
  let ws: Workspace;

  const suite = browserSuite(async (wharf) => {
    ws = await connectedWorkspace(wharf);
    await approvedTemplate(ws, TEMPLATE, "Hi {{1}}, order {{2}} ships today.", ["Ana", "A-1"]);
  });

  // After the bars' width transition (0.4 s), so the picture shows the numbers it was taken for.
  const shoot = async (page: Page, name: string) => {
    await page.waitForTimeout(500);
    await page.screenshot({ path: `/tmp/wharf-campaigns-${name}.png`, fullPage: true });
  };
  const progress = (scope: Page | Locator, name: string) =>
    scope.getByRole("progressbar", { name: `Progress of ${name}` });
  const counts = (scope: Page | Locator, name: string) => scope.getByRole("list", { name: `Counts of ${name}` });
  const funnelRow = (page: Page, label: string) =>
    page.locator(".funnel-row").filter({ has: page.getByText(label, { exact: true }) });

  async function newCampaign(name: string, recipients: string, options: { sendAt?: string } = {}): Promise<Page> {
    const page = await openPage(suite.browser, `${suite.wharf.url}/#/campaigns`, suite.pageErrors);
    await logIn(page, suite.wharf.demo.email, suite.wharf.demo.password);
    await page.getByRole("heading", { level: 1, name: "Campaigns" }).waitFor();
    await page.getByRole("button", { name: "New campaign" }).click();
    const form = page.getByRole("region", { name: "New campaign" });
    await form.getByLabel("Campaign name").fill(name);
    await form.getByLabel("Send from").selectOption(ws.numbers.verified.id);
    await form.getByLabel("Template").selectOption({ label: `${TEMPLATE} · en_US` });
    await form.getByLabel("Recipients").fill(recipients);
    if (options.sendAt) await form.getByLabel("Send at (optional)").fill(options.sendAt);
    return page;
  }

  let attempts = 0;
  it("creates a campaign of 5, sees progress and counts reach read live, and opens a message's timeline", async () => {
    // A retried attempt (CI retries once) names its campaign apart from the first attempt's.
    const name = ++attempts === 1 ? "Spring shipping" : `Spring shipping ${attempts}`;
    const lines = [
      "+15551230001, Ana, A-1",
      "+15551230002, Ben, A-2",
      "+15551230003, Cleo, A-3",
      "+15551230004, Dev, A-4",
      "+15551230005, Eve, A-5",
    ];
    // A line with a bad number and a missing parameter: named before anything is sent.
    const page = await newCampaign(name, [...lines, "12345, Zed"].join("\n"));
    const form = page.getByRole("region", { name: "New campaign" });
    await form.getByText('Line 6: "12345" is not a phone number in international form').waitFor();
    await form.getByText("5 recipients ready, 1 line to fix:").waitFor();
    await form
      .getByRole("figure", { name: `Preview of ${TEMPLATE}` })
      .getByText("Hi Ana, order A-1 ships today.")
      .waitFor();
    await shoot(page, "1-form");
    await form.getByLabel("Recipients").fill(lines.join("\n"));
    await form.getByText("5 recipients ready.").waitFor();
    await form.getByRole("button", { name: "Create campaign" }).click();

    // The campaign's own page: progress, counts and funnel follow Meta's statuses live.
    await page.getByRole("heading", { level: 1, name, exact: true }).waitFor();
    expect(new URL(page.url()).hash).toMatch(/^#\/campaigns\?campaign=cmp_/);
    await counts(page, name).getByText("5 read").waitFor({ timeout: 20_000 });
    expect(await progress(page, name).getAttribute("aria-valuenow")).toBe("5");
    expect(await progress(page, name).getAttribute("aria-valuetext")).toBe("5 of 5 recipients handled (100%)");
    for (const [label, value] of [
      ["Recipients", "5 (100%)"],
      ["Sent", "5 (100%)"],
      ["Delivered", "5 (100%)"],
      ["Read", "5 (100%)"],
      ["Failed", "0 (0%)"],
      ["Skipped", "0 (0%)"],
    ]) {
      expect(await funnelRow(page, label!).locator(".funnel-value").textContent()).toBe(value);
    }
    const messages = page.getByRole("table", { name: "Messages" });
    await expect.poll(() => messages.getByText("Read", { exact: true }).count(), { timeout: 10_000 }).toBe(5);
    await shoot(page, "2-read");

    // A message's detail: Meta's id and the status timeline, opened from the campaign.
    await messages.getByRole("link", { name: "Details of the message to +15551230003" }).click();
    const detail = page.getByRole("dialog", { name: "Message details" });
    await detail.getByText("Template shipping_notice (en_US): Cleo, A-3").waitFor();
    await detail.locator("code", { hasText: /^wamid\./ }).waitFor();
    const timeline = detail.getByRole("list", { name: "Status timeline" });
    await expect
      .poll(async () =>
        (await timeline.locator(".badge").allTextContents()).filter((s) => ["Sent", "Delivered", "Read"].includes(s)),
      )
      .toEqual(["Sent", "Delivered", "Read"]);
    expect(new URL(page.url()).hash).toMatch(/&message=msg_/);
    await shoot(page, "3-message-detail");
    await detail.getByRole("link", { name: "Close" }).click();
    await detail.waitFor({ state: "detached" });

    // The list shows the same, with its progress bar.
    await page.getByRole("link", { name: "Campaigns", exact: true }).first().click();
    const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name, exact: true }) });
    await card.getByText("Completed", { exact: true }).waitFor();
    await counts(card, name).getByText("5 read").waitFor();
    await shoot(page, "4-list");
    await page.context().close();
  }, 90_000);

  it("schedules, pauses, resumes and cancels; the funnel says why recipients were skipped", async () => {
    // Tomorrow at this time, as the browser's datetime-local field takes it.
    const tomorrow = new Date(Date.now() + 86_400_000);
    const local = new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    const page = await newCampaign("Later run", "+15551240001, Ana, B-1\n+15551240002, Ben, B-2", { sendAt: local });
    await page.getByRole("region", { name: "New campaign" }).getByRole("button", { name: "Create campaign" }).click();
    await page.getByRole("heading", { level: 1, name: "Later run" }).waitFor();
    const status = (label: string) => page.locator(".page-head").getByText(label, { exact: true });
    await status("Scheduled").waitFor();
    await page.getByText(/ · starts /).waitFor();

    await page.getByRole("button", { name: "Pause" }).click();
    await status("Paused").waitFor();
    await page.getByRole("button", { name: "Resume" }).click();
    // Its start time is still ahead, so resuming puts it back to waiting for it.
    await status("Scheduled").waitFor();
    await page.getByRole("button", { name: "Cancel campaign" }).click();
    await page.getByRole("group", { name: "Cancel Later run" }).getByRole("button", { name: "Yes, cancel it" }).click();
    await status("Cancelled").waitFor();
    await counts(page, "Later run").getByText("2 skipped").waitFor();
    expect(await funnelRow(page, "Skipped").locator(".funnel-value").textContent()).toBe("2 (100%)");
    await page.getByText("Skipped: Campaign cancelled (2)").waitFor();
    expect(await page.getByRole("button", { name: /Pause|Resume|Cancel campaign/ }).count()).toBe(0);
    await shoot(page, "5-cancelled");
    await page.context().close();
  }, 60_000);

  it("warns of a start time already past, in the form and after creating, rather than sending without a word", async () => {
    const past = new Date(Date.now() - 3_600_000);
    const local = new Date(past.getTime() - past.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    const page = await newCampaign("Too late", "+15551280001, Ana, E-1", { sendAt: local });
    const form = page.getByRole("region", { name: "New campaign" });
    await form.getByText("This time is in the past: the campaign will start as soon as it is created.").waitFor();
    await form.getByRole("button", { name: "Create campaign" }).click();
    await page.getByRole("heading", { level: 1, name: "Too late" }).waitFor();
    await page
      .getByRole("alert")
      .filter({ hasText: /scheduledAt \(.*\) is in the past: the campaign started now/ })
      .waitFor();
    await page.context().close();
  }, 60_000);

  it("shows Meta's error for an undeliverable recipient, and the trace id of a send Meta refused", async () => {
    // A first attempt that failed between injecting the fault below and the send that uses it up
    // would leave it in force: this attempt's sends would be refused.
    await ws.api.emulator("DELETE", "/faults");
    // The emulator models numbers ending in 9999 as not on WhatsApp: Meta's 131026 arrives by webhook.
    const page = await newCampaign("Unreachable", "+15551270001, Ana, D-1\n+15553109999, Ben, D-2");
    await page.getByRole("region", { name: "New campaign" }).getByRole("button", { name: "Create campaign" }).click();
    await page.getByRole("heading", { level: 1, name: "Unreachable" }).waitFor();
    await counts(page, "Unreachable").getByText("1 read").waitFor({ timeout: 20_000 });
    await counts(page, "Unreachable").getByText("1 failed").waitFor();
    expect(await funnelRow(page, "Failed").locator(".funnel-value").textContent()).toBe("1 (50%)");
    const failed = page.getByRole("table", { name: "Messages" }).getByRole("row").filter({ hasText: "+15553109999" });
    await failed.getByText("Failed", { exact: true }).waitFor();
    await failed.getByRole("link", { name: /Details/ }).click();
    const detail = page.getByRole("dialog", { name: "Message details" });
    const error = detail.getByRole("note", { name: "Meta's error" });
    await error.getByText("131026", { exact: true }).waitFor();
    await error.getByText("Message undeliverable", { exact: true }).waitFor();
    await detail.getByRole("list", { name: "Status timeline" }).getByText("Failed", { exact: true }).waitFor();
    await shoot(page, "6-undeliverable");

    // Meta refuses the next send outright (a fault in the emulator): its answer carries fbtrace_id.
    await ws.api.emulator("POST", "/faults", {
      method: "POST",
      path: "/v23.0/*/messages",
      status: 400,
      code: 131009,
      message: "Parameter value is not valid",
    });
    const created = await ws.api.call("POST", "/v1/campaigns", {
      name: "Refused",
      from: ws.numbers.verified.id,
      template: { name: TEMPLATE, language: "en_US" },
      recipients: [{ to: "+15551280001", parameters: ["Cy", "E-1"] }],
    });
    expect(created.status).toBe(201);
    type Failed = { id: string; campaignId: string; error: { fbtraceId: string } };
    const message = await eventually(
      async () => {
        const failures = (await ws.api.call("GET", "/v1/messages?status=failed")).body.data as Failed[];
        return failures.find((m) => m.campaignId === created.body.id);
      },
      10_000,
      "the refused message",
    );
    // The detail has an address of its own.
    await page.goto(`${suite.wharf.url}/#/campaigns?campaign=${created.body.id}&message=${message.id}`);
    await error.getByText("131009", { exact: true }).waitFor();
    await error.getByText(message.error.fbtraceId, { exact: true }).waitFor();
    await error.getByText("Injected by the emulator's fault API", { exact: false }).waitFor();
    await shoot(page, "7-refused");
    await page.context().close();
  }, 60_000);
});
