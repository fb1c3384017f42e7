import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, eventually } from "../support/api-client.js";
import { approvedTemplate, enabledAutomation, pendingStepJobs, steppingClock } from "../support/automations.js";
import { connectAndActivate, connectOwnWaba, type ConnectedNumbers } from "../support/connect.js";
import { describeEachDialect } from "../support/databases.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { signShopifyBody } from "../../src/modules/shopify/index.js";
import { journeyStats, journeyTimeline, listJourneys } from "../../src/modules/journeys/index.js";
import { asWorkspaceId } from "../../src/platform/workspace-id.js";

/**
 * Issue 18, runtime acceptance 1, 2 and 4, end to end on the emulator: journeys started by a Shopify
 * webhook, an inbound message and commerce events, their waits moved by Wharf's clock, their sends
 * counted at the emulated Meta.
 */
const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/shopify");
const SHOP = "mare-store.myshopify.com";
const SECRET = "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";
const MIN = 60_000;
const HOUR = 60 * MIN;

type Sent = { waId: string; type: string; body: { template?: { name: string }; text?: { body: string } } };

describeEachDialect("the automation runtime", (dialect) => {
  let w: StartedWharf;
  let api: ReturnType<typeof apiClient>;
  let numbers: ConnectedNumbers;
  const clock = steppingClock();
  const ws = () => asWorkspaceId(w.demo.workspaceId);

  // From either of the workspace's numbers (a journey without an inbound message sends from its first active one).
  const sentTo = async (waId: string) => {
    const all: Sent[] = [];
    for (const n of [numbers.verified, numbers.unverified])
      all.push(...((await api.emulator("GET", `/messages?phoneNumberId=${n.metaPhoneNumberId}`)).data as Sent[]));
    return all.filter((m) => m.waId === waId);
  };
  const templatesTo = async (waId: string) =>
    (await sentTo(waId)).map((m) => (m.type === "template" ? m.body.template!.name : m.type));
  const journeysOf = async (automationId: string, waId?: string) =>
    (await listJourneys(w.wharf.database.db, ws(), { automationId, ...(waId ? { waId } : {}) })).data;
  /** Every due step has run: no step job due now is left (future ones may wait). */
  const settled = () => eventually(async () => (await dueStepJobs()) === 0, 30_000, "due journey steps run");
  const dueStepJobs = async () => {
    const row = await w.wharf.database.db
      .selectFrom("jobs")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("name" as never, "in", ["journeys.step", "journeys.event"] as never)
      .where("run_at" as never, "<=", clock.now() as never)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  };
  /** Wharf's clock and the emulated Meta's move together (Meta's timestamps open the customer's window). */
  const advance = async (ms: number) => {
    clock.advance(ms);
    await api.emulator("POST", "/clock", { advanceMs: ms });
  };
  const inbound = (from: string, text: string) =>
    api.emulator("POST", "/inbound", { phoneNumberId: numbers.verified.metaPhoneNumberId, from, text });

  beforeAll(async () => {
    w = await startWharf({ dialect, clock });
    api = apiClient(w.url, w.demo.apiKey);
    numbers = await connectAndActivate(w.url, w.demo.apiKey);
    for (const name of ["cart_15m", "cart_1h", "cart_24h", "order_update", "order_reminder", "hours_fallback"])
      await approvedTemplate(w, name);
    const put = await api.call("PUT", "/v1/integrations/shopify", { shopDomain: SHOP, webhookSecret: SECRET });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  }, 180_000);
  afterAll(() => w?.close(), 120_000);

  const shopify = async (topic: string, id: string, fixture = topic.replace("/", "-")) => {
    const body = fs.readFileSync(path.join(FIXTURES, `${fixture}.json`));
    const res = await fetch(`${w.url}/integrations/shopify/${w.demo.workspaceId}/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-shopify-topic": topic,
        "x-shopify-hmac-sha256": signShopifyBody(body, SECRET),
        "x-shopify-shop-domain": SHOP,
        "x-shopify-webhook-id": id,
      },
      body,
    });
    expect(res.status).toBeLessThan(300);
  };

  const firstName = { path: "contact.firstName", fallback: "there" };
  const cartRecipe = () => ({
    trigger: { kind: "event", eventType: "checkout.created" },
    steps: [
      { id: "wait-15m", kind: "wait", seconds: 15 * 60 },
      { id: "send-15m", kind: "send_template", template: { name: "cart_15m", language: "en_US", body: [firstName] } },
      { id: "wait-1h", kind: "wait", seconds: 45 * 60 },
      { id: "send-1h", kind: "send_template", template: { name: "cart_1h", language: "en_US", body: [firstName] } },
      { id: "wait-24h", kind: "wait", seconds: 23 * 3600 },
      { id: "send-24h", kind: "send_template", template: { name: "cart_24h", language: "en_US", body: [firstName] } },
    ],
    exit: { onReply: true, events: [{ type: "checkout.completed", sameKey: true }] },
  });

  describe("acceptance 1: abandoned cart", () => {
    let cart: { id: string };
    beforeAll(async () => {
      cart = await enabledAutomation(w, cartRecipe());
    });

    it("a Shopify checkouts/create starts it; the 15 min and 1 h templates go at their times; checkout.completed for the same checkout ends it before the 24 h step", async () => {
      const waId = "5511987654321";
      await shopify("checkouts/create", "wh-create-1");
      const [journey] = await eventually(
        async () => {
          const js = await journeysOf(cart.id, waId);
          return js.length === 1 ? js : null;
        },
        20_000,
        "the journey started",
      );
      expect(journey).toMatchObject({
        status: "active",
        version: 1,
        triggerKey: "checkout.created:b1946ac92492d2347c6235b4d2611184",
      });
      // Replayed by Shopify: the same checkout does not start a second journey.
      await shopify("checkouts/create", "wh-create-1-again");
      await settled();
      expect(await journeysOf(cart.id, waId)).toHaveLength(1);

      await advance(14 * MIN);
      await settled();
      expect(await templatesTo(waId)).toEqual([]);
      await advance(1 * MIN + 1000);
      await eventually(async () => (await templatesTo(waId)).length === 1, 20_000, "the 15 min template");
      expect(await templatesTo(waId)).toEqual(["cart_15m"]);

      await advance(44 * MIN);
      await settled();
      expect(await templatesTo(waId)).toEqual(["cart_15m"]);
      await advance(1 * MIN + 1000);
      await eventually(async () => (await templatesTo(waId)).length === 2, 20_000, "the 1 h template");
      expect(await templatesTo(waId)).toEqual(["cart_15m", "cart_1h"]);

      await shopify("checkouts/update", "wh-complete-1", "checkouts-update-completed");
      const ended = await eventually(
        async () => {
          const [j] = await journeysOf(cart.id, waId);
          return j?.status === "exited" ? j : null;
        },
        20_000,
        "the journey ended",
      );
      expect(ended.exitReason).toBe("event");

      await advance(24 * HOUR);
      await settled();
      expect(await pendingStepJobs(w)).toBe(0);
      expect(await templatesTo(waId)).toEqual(["cart_15m", "cart_1h"]);
      const timeline = await journeyTimeline(w.wharf.database.db, ws(), journey!.id);
      expect(timeline!.steps.map((s) => [s.stepId, s.outcome])).toEqual([
        ["wait-15m", "waited"],
        ["send-15m", "sent"],
        ["wait-1h", "waited"],
        ["send-1h", "sent"],
        ["wait-24h", "waited"],
      ]);
    }, 120_000);

    it("a second contact who replies after the first message exits with reason replied", async () => {
      const waId = "15557100002";
      const ev = await api.call("POST", "/v1/events", {
        type: "checkout.created",
        contact: { phone: `+${waId}` },
        data: { checkoutToken: "tok-second" },
      });
      expect(ev.status, JSON.stringify(ev.body)).toBe(202);
      await eventually(async () => (await journeysOf(cart.id, waId)).length === 1, 20_000, "the journey started");
      await advance(15 * MIN + 1000);
      await eventually(async () => (await templatesTo(waId)).length === 1, 20_000, "the 15 min template");
      await inbound(waId, "I'll finish it later");
      const ended = await eventually(
        async () => {
          const [j] = await journeysOf(cart.id, waId);
          return j?.status === "exited" ? j : null;
        },
        20_000,
        "the journey ended",
      );
      expect(ended.exitReason).toBe("replied");
      await advance(HOUR);
      await settled();
      expect(await templatesTo(waId)).toEqual(["cart_15m"]);
      const stats = await journeyStats(w.wharf.database.db, ws(), cart.id);
      expect(stats.exited).toMatchObject({ event: 1, replied: 1 });
      expect(stats.steps["send-15m"]).toMatchObject({ runs: 2, sent: 2 });
    }, 120_000);
  });

  describe("acceptance 2: keyword auto-reply and the unread reminder", () => {
    it("a keyword inside the window is answered free-form; another word is not", async () => {
      const auto = await enabledAutomation(w, {
        trigger: { kind: "inbound_message", match: { type: "keyword", keywords: ["hours"] } },
        steps: [
          {
            id: "reply",
            kind: "send_text",
            text: "We are open 9 to 6, {{contact.name}}.",
            fallbackTemplate: { name: "hours_fallback", language: "en_US", body: [firstName] },
          },
        ],
      });
      const waId = "15557200001";
      await inbound(waId, "Hello");
      await inbound(waId, "  HOURS ");
      await eventually(async () => (await sentTo(waId)).length === 1, 20_000, "the auto-reply");
      await settled();
      const [reply] = await sentTo(waId);
      expect(reply).toMatchObject({ type: "text" });
      expect(reply!.body.text!.body).toMatch(/^We are open 9 to 6/);
      const [j] = await journeysOf(auto.id, waId);
      expect(j).toMatchObject({ status: "completed" });
    }, 60_000);

    it("the reminder goes only to the customer who did not read the first template within its timeout", async () => {
      const auto = await enabledAutomation(w, {
        trigger: { kind: "event", eventType: "order.created" },
        steps: [
          {
            id: "update",
            kind: "send_template",
            template: { name: "order_update", language: "en_US", body: [{ path: "event.orderId" }] },
          },
          { id: "read?", kind: "wait_for", for: "status", status: "read", timeoutSeconds: 3600, onMatch: "end" },
          {
            id: "reminder",
            kind: "send_template",
            template: { name: "order_reminder", language: "en_US", body: [{ path: "event.orderId" }] },
          },
        ].map((s) => (s.id === "read?" ? { ...s, id: "read-wait" } : s)),
      });
      const reader = "15557300001";
      const ignorer = "15557308888"; // the emulator never reads for numbers ending 8888
      for (const [waId, order] of [
        [reader, "R-1"],
        [ignorer, "R-2"],
      ] as const) {
        const ev = await api.call("POST", "/v1/events", {
          type: "order.created",
          contact: { phone: `+${waId}` },
          data: { orderId: order },
        });
        expect(ev.status, JSON.stringify(ev.body)).toBe(202);
      }
      await eventually(
        async () => (await sentTo(reader)).length === 1 && (await sentTo(ignorer)).length === 1,
        20_000,
        "the first templates",
      );
      // The reader's read ends their journey; the other one waits for its timeout.
      await eventually(async () => (await journeysOf(auto.id, reader))[0]?.status === "completed", 20_000, "read");
      await eventually(
        async () => (await journeysOf(auto.id, ignorer))[0]?.waitingFor === "read",
        20_000,
        "waiting for read",
      );
      await advance(HOUR + 1000);
      await eventually(async () => (await sentTo(ignorer)).length === 2, 20_000, "the reminder");
      await settled();
      expect(await templatesTo(ignorer)).toEqual(["order_update", "order_reminder"]);
      expect(await templatesTo(reader)).toEqual(["order_update"]);
      const timeline = await journeyTimeline(w.wharf.database.db, ws(), (await journeysOf(auto.id, ignorer))[0]!.id);
      expect(timeline!.steps.map((s) => s.outcome)).toEqual(["sent", "waiting", "timeout", "sent"]);
    }, 90_000);
  });

  describe("acceptance 4: opt-out, the daily cap, Meta's messaging limit", () => {
    it("an opt-out mid-journey ends it: nothing more is sent", async () => {
      const auto = await enabledAutomation(w, {
        trigger: { kind: "event", eventType: "checkout.abandoned" },
        steps: [
          { id: "first", kind: "send_template", template: { name: "cart_15m", language: "en_US", body: [firstName] } },
          { id: "later", kind: "wait", seconds: 3600 },
          { id: "second", kind: "send_template", template: { name: "cart_1h", language: "en_US", body: [firstName] } },
        ],
      });
      const waId = "15557400001";
      await api.call("POST", "/v1/events", {
        type: "checkout.abandoned",
        contact: { phone: `+${waId}` },
        data: { checkoutToken: "tok-optout" },
      });
      await eventually(async () => (await sentTo(waId)).length === 1, 20_000, "the first message");
      await inbound(waId, "STOP");
      const [j] = await eventually(
        async () => {
          const js = await journeysOf(auto.id, waId);
          return js[0]?.status === "exited" ? js : null;
        },
        20_000,
        "the journey ended",
      );
      expect(j!.exitReason).toBe("opted_out");
      await advance(HOUR + 1000);
      await settled();
      expect(await templatesTo(waId)).toEqual(["cart_15m"]);
    }, 60_000);

    it("the per-contact daily cap holds across automations: the send past it is skipped (daily_cap)", async () => {
      const three = (prefix: string) =>
        [1, 2, 3].map((i) => ({
          id: `${prefix}-${i}`,
          kind: "send_template",
          template: { name: "order_update", language: "en_US", body: [{ value: `${prefix}${i}` }] },
        }));
      const a = await enabledAutomation(w, {
        trigger: { kind: "event", eventType: "order.fulfilled" },
        steps: three("a"),
        limits: { perContactPerDay: 4 },
      });
      const b = await enabledAutomation(w, {
        trigger: { kind: "event", eventType: "order.fulfilled" },
        steps: three("b"),
        limits: { perContactPerDay: 4 },
      });
      const waId = "15557500001";
      await api.call("POST", "/v1/events", {
        type: "order.fulfilled",
        contact: { phone: `+${waId}` },
        data: { orderId: "C-1" },
      });
      await eventually(
        async () =>
          [...(await journeysOf(a.id, waId)), ...(await journeysOf(b.id, waId))].filter((j) => j.status === "completed")
            .length === 2,
        30_000,
        "both journeys done",
      );
      await settled();
      expect(await sentTo(waId)).toHaveLength(4);
      const skipped = [a, b].map(async (x) => (await journeyStats(w.wharf.database.db, ws(), x.id)).steps);
      const outcomes = (await Promise.all(skipped)).flatMap((steps) => Object.values(steps).map((s) => s.outcomes));
      const total = (k: string) => outcomes.reduce((n, o) => n + (o[k] ?? 0), 0);
      expect([total("sent"), total("daily_cap")]).toEqual([4, 2]);
      // A day later the contact may be written to again.
      await advance(24 * HOUR + 1000);
      await api.call("POST", "/v1/events", {
        type: "order.fulfilled",
        contact: { phone: `+${waId}` },
        data: { orderId: "C-2" },
      });
      await eventually(async () => (await sentTo(waId)).length === 8, 30_000, "four more the next day");
    }, 90_000);

    it("an unverified business's automation sends to 50 new customers and skips the rest with MESSAGING_LIMIT_REACHED", async () => {
      const other = (await apiClient(w.url, w.adminToken).call("POST", "/v1/workspaces", { name: "Corner" })).body;
      const corner = apiClient(w.url, other.apiKey);
      const { phoneNumber } = await connectOwnWaba(w.url, other.apiKey, "Corner shop", { businessVerified: false });
      await approvedTemplate(w, "order_update", other.apiKey);
      const auto = await enabledAutomation(
        w,
        {
          trigger: { kind: "event", eventType: "order.created" },
          steps: [
            {
              id: "confirm",
              kind: "send_template",
              template: { name: "order_update", language: "en_US", body: [{ path: "event.orderId" }] },
            },
          ],
        },
        other.id,
      );
      for (let i = 0; i < 55; i++) {
        const r = await corner.call("POST", "/v1/events", {
          type: "order.created",
          contact: { phone: `+1555760${String(i).padStart(4, "0")}` },
          data: { orderId: `L-${i}` },
        });
        expect(r.status).toBe(202);
      }
      const stats = await eventually(
        async () => {
          const s = await journeyStats(w.wharf.database.db, asWorkspaceId(other.id), auto.id);
          return s.completed === 55 ? s : null;
        },
        60_000,
        "55 journeys done",
      );
      expect(stats.steps["confirm"]!.outcomes).toEqual({ sent: 50, MESSAGING_LIMIT_REACHED: 5 });
      const atMeta = (await corner.emulator("GET", `/messages?phoneNumberId=${phoneNumber.metaPhoneNumberId}`)).data;
      expect(atMeta).toHaveLength(50);
    }, 120_000);
  });
});
