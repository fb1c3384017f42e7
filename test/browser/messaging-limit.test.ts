// Issue 14: Meta's messaging limit belongs to the business portfolio since 2025-10-07 (messaging-limits
// doc: "shared by all business phone numbers within a portfolio"). The WhatsApp Connection page shows
// the portfolio's limit and how many unique customers its numbers reached in the last 24 hours.
import { describe, expect, it } from "vitest";
import { eventually } from "../support/api-client.js";
import { browserSuite, logIn, openPage } from "./support.js";
import { approvedTemplate, connectedWorkspace, type Workspace } from "./workspace-setup.js";

describe("the portfolio's messaging limit on the WhatsApp Connection page", () => {
  let ws: Workspace;
  const suite = browserSuite(async (wharf) => {
    ws = await connectedWorkspace(wharf);
    const state = await ws.api.emulator("GET", "/state");
    await ws.api.emulator("PATCH", `/businesses/${state.businesses[0].id}`, { messagingLimit: "TIER_250" });
    await ws.api.call("POST", "/v1/phone-numbers/sync");
    await approvedTemplate(ws, "order_update", "Your order {{1}} is on its way.", ["A-1"]);
    // Three new customers, from both numbers of the portfolio: business-initiated templates.
    const sends = [
      [ws.numbers.verified.id, "+15557000001"],
      [ws.numbers.unverified.id, "+15557000002"],
      [ws.numbers.unverified.id, "+15557000003"],
    ];
    for (const [from, to] of sends) {
      const sent = await ws.api.call("POST", "/v1/messages", {
        from,
        to,
        type: "template",
        template: { name: "order_update", language: "en_US", parameters: ["A-1"] },
      });
      if (sent.status !== 202) throw new Error(`send: ${JSON.stringify(sent.body)}`);
    }
    await eventually(
      async () => ((await ws.api.call("GET", "/v1/messaging-limit")).body.portfolio.used === 3 ? true : null),
      10_000,
      "three customers counted",
    );
  });

  it("shows the portfolio's tier, the customers reached by all its numbers, and that the numbers share it", async () => {
    // A retry (CI retries once) starts from the 250 tier again: the first attempt may have left it unlimited.
    const seeded = await ws.api.emulator("GET", "/state");
    await ws.api.emulator("PATCH", `/businesses/${seeded.businesses[0].id}`, { messagingLimit: "TIER_250" });
    expect((await ws.api.call("POST", "/v1/phone-numbers/sync")).status).toBeLessThan(300);
    const page = await openPage(suite.browser, suite.wharf.url, suite.pageErrors);
    await logIn(page, suite.wharf.demo.email, suite.wharf.demo.password);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "WhatsApp Connection" }).click();
    const limit = page.getByRole("group", { name: "Messaging limit of the business portfolio" });
    await limit.waitFor();
    await expect.poll(() => limit.textContent()).toContain("3 of 250 customers reached in the last 24 hours");
    expect(await limit.textContent()).toContain("Shared by all 2 of its numbers");
    const bar = limit.getByRole("progressbar");
    expect(await bar.getAttribute("max")).toBe("250");
    expect(await bar.getAttribute("value")).toBe("3");
    // Every number reports the portfolio's one limit.
    const table = page.getByRole("table", { name: "Phone numbers" });
    await expect.poll(async () => await table.getByRole("cell", { name: "250", exact: true }).count()).toBe(2);
    await page.screenshot({ path: "/tmp/wharf-messaging-limit.png", fullPage: true });

    // Meta scales the portfolio to unlimited: after a sync there is no bar, and the limit reads Unlimited.
    const state = await ws.api.emulator("GET", "/state");
    await ws.api.emulator("PATCH", `/businesses/${state.businesses[0].id}`, { messagingLimit: "TIER_UNLIMITED" });
    await page.getByRole("region", { name: "Phone numbers" }).getByRole("button", { name: "Sync" }).click();
    await expect.poll(() => limit.textContent()).toContain("3 of Unlimited customers");
    expect(await limit.getByRole("progressbar").count()).toBe(0);
  });

  // Meta's webhook reference, account_update (restriction_info) and business_capability_update:
  // sent through the emulator's control route; the connection page shows both without a reload.
  it("shows Meta's account restriction and the business's capabilities on the connection page", async () => {
    const page = await openPage(suite.browser, `${suite.wharf.url}/#/settings/whatsapp`, suite.pageErrors);
    await logIn(page, suite.wharf.demo.email, suite.wharf.demo.password);
    await page.getByRole("heading", { level: 1, name: "WhatsApp Connection" }).waitFor();
    const account = (field: string, value: unknown) => ws.api.emulator("POST", "/webhooks/account", { field, value });
    await account("business_capability_update", { max_phone_numbers_per_business: 20 });
    // restriction_info[].expiration is a Unix time in seconds, as in Meta's sample.
    await account("account_update", {
      event: "ACCOUNT_RESTRICTION",
      restriction_info: [{ restriction_type: "RESTRICTED_ADD_PHONE_NUMBER_ACTION", expiration: 1799999999 }],
    });
    await page
      .getByRole("alert")
      .filter({ hasText: "Meta reported ACCOUNT_RESTRICTION for this account (RESTRICTED_ADD_PHONE_NUMBER_ACTION)" })
      .waitFor({ timeout: 20_000 });
    await page.getByText("max phone numbers per business: 20").waitFor();
    await page.context().close();
  }, 60_000);
});
