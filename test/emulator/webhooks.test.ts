import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { SEED_IDS, startHarness, V, type Harness } from "./support/harness.js";
import { isHandledChange, WebhookPayload } from "../../src/graph/index.js";
import { validateOpenApiWebhook } from "../support/openapi.js";
import { expectSpecWebhook } from "./support/spec.js";
import { approvedTemplate } from "./support/templates.js";
import { VERIFY_TOKEN } from "./support/webhook-receiver.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const phone = SEED_IDS.verifiedPhoneNumberId;
const inbound = (harness: Harness, text: string, from = "16505557000") =>
  harness.control("POST", "/inbound", { phoneNumberId: phone, from, text });

describe("batching and signature", () => {
  it("gathers changes made within the window into one signed POST with several changes", async () => {
    // A window wide enough for five concurrent requests on a loaded machine.
    h = await startHarness({ webhookBatchWindowMs: 1000 });
    await h.connected();
    await Promise.all([1, 2, 3, 4, 5].map((i) => inbound(h!, `msg ${i}`, `1650555710${i}`)));
    await h.receiver.waitFor(() => h!.receiver.changes().length >= 5);
    expect(h.receiver.received).toHaveLength(1);
    const [post] = h.receiver.received;
    expect(post!.body.entry).toHaveLength(1);
    expect(post!.body.entry[0].changes).toHaveLength(5);
    expect(post!.signatureOk).toBe(true);
  });

  it("signs the exact bytes, which escape non-ASCII and slashes the way Meta's do", async () => {
    h = await startHarness({ webhookBatchWindowMs: 0 });
    await h.connected();
    await inbound(h, "Olá 👋 see https://x.y/z");
    const post = await h.receiver.waitFor(() => h!.receiver.received[0]);
    const raw = post.raw.toString("utf8");
    expect(raw).toContain("Ol\\u00e1 \\ud83d\\udc4b see https:\\/\\/x.y\\/z");
    expect(post.signature).toBe(`sha256=${createHmac("sha256", h.server.appSecret).update(post.raw).digest("hex")}`);
    const reserialised = createHmac("sha256", h.server.appSecret).update(JSON.stringify(post.body)).digest("hex");
    expect(post.signature).not.toBe(`sha256=${reserialised}`);
    expect(post.body.entry[0].changes[0].value.messages[0].text.body).toBe("Olá 👋 see https://x.y/z");
  });
});

describe("re-sends", () => {
  it("re-sends the same bytes with a doubling delay until the receiver answers 200", async () => {
    h = await startHarness({
      webhookBatchWindowMs: 0,
      webhookRetry: { baseDelayMs: 40, maxDelayMs: 1000, maxAttempts: 5 },
    });
    await h.connected();
    h.receiver.failNext(500, 503);
    await inbound(h, "retry me");
    // The receiver has the body before its 200 reaches the emulator: wait for the emulator's own record.
    await h.receiver.waitFor(() => h!.server.emulator.webhookLog.deliveries[0]?.state === "delivered");
    const [delivery] = h.server.emulator.webhookLog.deliveries;
    expect(delivery!.state).toBe("delivered");
    expect(delivery!.attempts.map((a) => a.status)).toEqual([500, 503, 200]);
    const [a, b, c] = delivery!.attempts.map((x) => x.at);
    expect(b! - a!).toBeGreaterThanOrEqual(35);
    expect(c! - b!).toBeGreaterThanOrEqual(75);
    expect(h.receiver.received[0]!.signature).toBe(delivery!.signature);
  });

  it("gives up after maxAttempts, and close() stops pending re-sends", async () => {
    h = await startHarness({
      webhookBatchWindowMs: 0,
      webhookRetry: { baseDelayMs: 10, maxDelayMs: 10, maxAttempts: 3 },
    });
    await h.connected();
    h.receiver.failNext(500, 500, 500, 500);
    await inbound(h, "never");
    const log = h.server.emulator.webhookLog;
    await h.receiver.waitFor(() => log.deliveries[0]?.state === "failed");
    expect(log.deliveries[0]!.attempts).toHaveLength(3);
    const webhooks = await h.control("GET", "/webhooks");
    expect(webhooks.body.deliveries[0].state).toBe("failed");

    const slow = await startHarness({ webhookBatchWindowMs: 0, webhookRetry: { baseDelayMs: 100, maxAttempts: 5 } });
    await slow.connected();
    slow.receiver.failNext(500);
    await inbound(slow, "cut short");
    await slow.receiver.waitFor(() => slow.server.emulator.webhookLog.deliveries[0]?.attempts[0]?.status);
    await slow.server.emulator.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(slow.server.emulator.webhookLog.deliveries[0]!.attempts).toHaveLength(1);
    expect(slow.receiver.received).toHaveLength(0);
    await slow.close();
  });
});

describe("who receives", () => {
  it("drops changes for a WABA the app is not subscribed to", async () => {
    h = await startHarness({ webhookBatchWindowMs: 0 });
    const res = await inbound(h, "nobody listens");
    expect(res.body.webhook).toBe("not_subscribed");
    const webhooks = await h.control("GET", "/webhooks");
    expect(webhooks.body.dropped[0]).toMatchObject({
      wabaId: SEED_IDS.wabaId,
      field: "messages",
      reason: "not_subscribed",
    });
    expect(h.receiver.received).toHaveLength(0);
  });

  it("verifies an override callback with Meta's GET handshake, then delivers there", async () => {
    h = await startHarness({ webhookBatchWindowMs: 0 });
    const token = await h.login();
    const path = `/${V}/${SEED_IDS.wabaId}/subscribed_apps`;
    const override = h.receiver.url.replace("/webhooks/meta", "/override");
    const refused = await h.call("POST", path, {
      token,
      json: { override_callback_uri: override, verify_token: "wrong" },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe(2200);
    const ok = await h.call("POST", path, {
      token,
      json: { override_callback_uri: override, verify_token: VERIFY_TOKEN },
    });
    expect(ok.body).toEqual({ success: true });
    await inbound(h, "to the override");
    const post = await h.receiver.waitFor(() => h!.receiver.received[0]);
    expect(post.path).toBe("/override");
  });
});

// Meta, "Webhooks" (WhatsApp Cloud API): notifications are not guaranteed to arrive in order and the
// same notification can arrive more than once, so a receiver must de-duplicate and order them itself.
// The chaos switch makes the emulator do both (issue 14, item 13).
describe("webhook chaos (Meta promises neither order nor single delivery)", () => {
  it("duplicates every change and reorders them while on; off again, each change comes once", async () => {
    h = await startHarness({ webhookBatchWindowMs: 0 });
    await h.connected();
    const on = await h.control("PUT", "/chaos", { reorderMs: 1000, duplicateRate: 1, seed: 7 });
    expect(on.status).toBe(200);
    expect(on.body.chaos).toMatchObject({ reorderMs: 1000, duplicateRate: 1, seed: 7 });

    const texts = Array.from({ length: 8 }, (_, i) => `chaos ${i}`);
    for (const [i, text] of texts.entries()) await inbound(h, text, `165055572${String(i).padStart(2, "0")}`);
    const bodies = () => h!.receiver.changes().map((c) => c.value.messages?.[0]?.text?.body as string);
    await h.receiver.waitFor(() => bodies().length >= 16 || undefined, 30_000);
    // Each change twice, byte for byte the same message, and each POST a valid signed Meta webhook.
    for (const text of texts) expect(bodies().filter((b) => b === text)).toHaveLength(2);
    const firstSeen = [...new Set(bodies())];
    expect(firstSeen).not.toEqual(texts);
    for (const post of h.receiver.received) {
      expect(post.signatureOk).toBe(true);
      expectSpecWebhook(post.body);
    }
    expect((await h.control("GET", "/chaos")).body.chaos).toMatchObject({ duplicated: 8, held: 16 });

    expect((await h.control("DELETE", "/chaos")).body).toEqual({ chaos: null });
    const before = h.receiver.changes().length;
    await inbound(h, "calm again", "16505557299");
    await h.receiver.waitFor(() => bodies().includes("calm again") || undefined, 10_000);
    await h.server.emulator.webhooksIdle();
    expect(h.receiver.changes().length).toBe(before + 1);
  });

  it("refuses settings outside their range", async () => {
    h = await startHarness();
    expect((await h.control("PUT", "/chaos", { duplicateRate: 2 })).status).toBe(400);
    expect((await h.control("PUT", "/chaos", { reorderMs: -1 })).status).toBe(400);
    expect((await h.control("GET", "/chaos")).body.chaos).toBeNull();
  });
});

// Meta, Webhooks reference for `message_template_quality_update`, `template_category_update`,
// `account_update`, `phone_number_quality_update` and `business_capability_update`: WABA-level
// changes Meta makes on its own. The control route posts them in Meta's shape (issue 14, item 13).
describe("Meta's own WABA-level webhooks through the control API", () => {
  it("posts each field as Meta does, and a template's quality or category change shows in Graph reads", async () => {
    h = await startHarness({ webhookBatchWindowMs: 0 });
    const token = await h.connected();
    const templateId = await approvedTemplate(h, token);
    const quality = {
      previous_quality_score: "GREEN",
      new_quality_score: "RED",
      message_template_id: Number(templateId),
      message_template_name: "order_update",
      message_template_language: "en_US",
    };
    const posted = await h.control("POST", "/webhooks/account", {
      field: "message_template_quality_update",
      value: quality,
    });
    expect(posted.status, posted.text).toBe(200);
    expect(posted.body.webhook).toBe("queued");
    const change = await h.receiver.waitFor(() =>
      h!.receiver.changes().find((c) => c.field === "message_template_quality_update"),
    );
    expect(change).toMatchObject({ entryId: SEED_IDS.wabaId, value: quality });
    const read = await h.call("GET", `/${V}/${templateId}?fields=quality_score,category`, { token });
    expect(read.body.quality_score).toEqual({ score: "RED" });

    await h.control("POST", "/webhooks/account", {
      field: "template_category_update",
      value: {
        message_template_id: Number(templateId),
        message_template_name: "order_update",
        message_template_language: "en_US",
        previous_category: "UTILITY",
        new_category: "MARKETING",
      },
    });
    await h.receiver.waitFor(() => h!.receiver.changes().find((c) => c.field === "template_category_update"));
    expect((await h.call("GET", `/${V}/${templateId}?fields=category`, { token })).body.category).toBe("MARKETING");

    for (const [field, value] of [
      ["account_update", { event: "ACCOUNT_VIOLATION", violation_info: { violation_type: "SCAM" } }],
      ["phone_number_quality_update", { display_phone_number: "15550783881", event: "FLAGGED" }],
      ["business_capability_update", { max_daily_conversation_per_phone: 2000, max_phone_numbers_per_business: 2 }],
    ] as const) {
      await h.control("POST", "/webhooks/account", { field, value });
      const got = await h.receiver.waitFor(() => h!.receiver.changes().find((c) => c.field === field));
      expect(got.value).toEqual(value);
    }
    // Meta's OpenAPI file describes only the `messages` field; these WABA-level fields are pinned as
    // undocumented there and checked against Wharf's own schemas of Meta's webhook reference instead.
    for (const post of h.receiver.received) {
      expect(post.signatureOk).toBe(true);
      const parsed = WebhookPayload.parse(post.body);
      for (const change of parsed.entry.flatMap((e) => e.changes))
        expect(isHandledChange(change), change.field).toBe(true);
      expect(validateOpenApiWebhook(post.body)).toMatchObject({ ok: false, undocumented: true });
    }
  });

  it("refuses a field Meta does not send this way, and an unknown WABA", async () => {
    h = await startHarness();
    expect((await h.control("POST", "/webhooks/account", { field: "messages", value: {} })).status).toBe(400);
    const unknown = await h.control("POST", "/webhooks/account", {
      field: "account_update",
      wabaId: "999999999999999",
      value: { event: "VERIFIED_ACCOUNT" },
    });
    expect(unknown.status).toBeGreaterThanOrEqual(400);
  });
});
