import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { SEED_IDS, startHarness, V, type Harness } from "./support/harness.js";
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
    h = await startHarness({ webhookBatchWindowMs: 50 });
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
