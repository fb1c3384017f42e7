import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, eventually } from "../support/api-client.js";
import { connectAndActivate, connectOwnWaba, type ConnectedNumbers } from "../support/connect.js";
import { describeEachDialect } from "../support/databases.js";
import { createApprovedTemplate } from "../support/templates.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";

/**
 * Meta's messaging limit belongs to the business portfolio since 2025-10-07 (messaging-limits doc:
 * "calculated and set at the business portfolio level and are shared by all business phone numbers
 * within a portfolio"): Wharf counts it across the portfolio's numbers, so Meta never has to refuse
 * a send for it (the emulator's 131048), and the dashboard shows the portfolio's use of it.
 */

const TEMPLATE = "order_update";

type Api = ReturnType<typeof apiClient>;

const approvedTemplate = (api: Api) =>
  createApprovedTemplate(api, {
    name: TEMPLATE,
    language: "en_US",
    category: "UTILITY",
    components: [{ type: "BODY", text: "Your order {{1}} is on its way.", example: { body_text: [["A-100"]] } }],
  });

async function campaign(api: Api, from: string, prefix: string, count: number) {
  const created = await api.call("POST", "/v1/campaigns", {
    name: `To ${prefix}`,
    from,
    template: { name: TEMPLATE, language: "en_US" },
    recipients: Array.from({ length: count }, (_, i) => ({
      to: `+${prefix}${String(i).padStart(4, "0")}`,
      parameters: [`A-${i}`],
    })),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return eventually(
    async () => {
      const c = (await api.call("GET", `/v1/campaigns/${created.body.id}`)).body;
      return c.counts.read + c.counts.skipped + c.counts.failed === count ? c : null;
    },
    30_000,
    "campaign settled",
  );
}

const refusals = async (api: Api) => (await api.emulator("GET", "/state")).counts.refusals as Record<string, number>;

describeEachDialect("messaging limit per business portfolio", (dialect) => {
  let w: StartedWharf;
  beforeAll(async () => {
    w = await startWharf({ dialect });
  }, 60_000);
  afterAll(() => w?.close());

  describe("an unverified business: a portfolio of its own with a small limit (TIER_50)", () => {
    it("a campaign to 60 new customers sends exactly 50 and skips 10 with MESSAGING_LIMIT_REACHED; Meta refuses none", async () => {
      const other = (await apiClient(w.url, w.adminToken).call("POST", "/v1/workspaces", { name: "Corner" })).body;
      const api = apiClient(w.url, other.apiKey);
      const { phoneNumber } = await connectOwnWaba(w.url, other.apiKey, "Corner shop", { businessVerified: false });
      await approvedTemplate(api);
      const before = (await refusals(api))["131048"] ?? 0;
      const final = await campaign(api, phoneNumber.id, "1555400", 60);
      expect(final.counts).toMatchObject({ read: 50, skipped: 10, failed: 0 });
      expect(final.skippedReasons).toEqual({ MESSAGING_LIMIT_REACHED: 10 });
      expect((await refusals(api))["131048"] ?? 0).toBe(before);
      const usage = (await api.call("GET", "/v1/messaging-limit")).body;
      expect(usage.portfolio).toMatchObject({ tier: "TIER_50", limit: 50, used: 50, windowHours: 24, phoneNumbers: 1 });
    }, 60_000);
  });

  describe("the seeded portfolio's two numbers share one limit", () => {
    let api: Api;
    let numbers: ConnectedNumbers;
    beforeAll(async () => {
      api = apiClient(w.url, w.demo.apiKey);
      numbers = await connectAndActivate(w.url, w.demo.apiKey);
      await approvedTemplate(api);
    }, 60_000);

    it("reads the WABA's owner business as the portfolio, and reports its tier and use", async () => {
      const state = await api.emulator("GET", "/state");
      const usage = (await api.call("GET", "/v1/messaging-limit")).body;
      expect(usage.portfolio).toMatchObject({
        businessId: state.businesses[0].id,
        tier: "TIER_10K",
        limit: 10_000,
        used: 0,
        phoneNumbers: 2,
      });
    });

    it("at TIER_250, 150 new customers from each number: 250 are sent in all, 50 skipped, and Meta refuses none", async () => {
      const state = await api.emulator("GET", "/state");
      await api.emulator("PATCH", `/businesses/${state.businesses[0].id}`, { messagingLimit: "TIER_250" });
      await api.call("POST", "/v1/phone-numbers/sync");
      const before = (await refusals(api))["131048"] ?? 0;
      const first = await campaign(api, numbers.verified.id, "1555610", 150);
      const second = await campaign(api, numbers.unverified.id, "1555620", 150);
      expect(first.counts.read + second.counts.read).toBe(250);
      expect(first.counts.skipped + second.counts.skipped).toBe(50);
      expect(first.counts.failed + second.counts.failed).toBe(0);
      expect((await refusals(api))["131048"] ?? 0).toBe(before);
      const usage = (await api.call("GET", "/v1/messaging-limit")).body;
      expect(usage.portfolio).toMatchObject({ tier: "TIER_250", limit: 250, used: 250 });
      // The emulated Meta counted the same 250 for the portfolio.
      expect((await api.emulator("GET", "/state")).businesses[0]).toMatchObject({ reached: 250 });
    }, 90_000);
  });

  describe("GET /v1/messaging-limit before a connection", () => {
    it("answers no portfolio", async () => {
      const other = (await apiClient(w.url, w.adminToken).call("POST", "/v1/workspaces", { name: "Empty" })).body;
      const usage = await apiClient(w.url, other.apiKey).call("GET", "/v1/messaging-limit");
      expect(usage.status).toBe(200);
      expect(usage.body).toEqual({ portfolio: null });
    });
  });
});
