import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REDIRECT, SEED_IDS, startHarness, textTo, V, type Harness } from "./support/harness.js";
import { expectSpecWebhook } from "./support/spec.js";

let h: Harness;
let token: string;
const phone = SEED_IDS.verifiedPhoneNumberId;

beforeAll(async () => {
  h = await startHarness({ webhookBatchWindowMs: 0 });
  token = await h.connected();
});
afterAll(() => h.close());

describe("GET /_emulator/state", () => {
  it("has the contract's shape: app, businesses, wabas with numbers and PINs, catalogs", async () => {
    const { body } = await h.control("GET", "/state");
    expect(body.app).toMatchObject({ id: h.server.appId, secret: h.server.appSecret });
    expect(body.businesses).toEqual([
      expect.objectContaining({
        id: SEED_IDS.businessId,
        verificationStatus: "verified",
        messagingLimit: "TIER_10K",
        reached: 0,
      }),
    ]);
    expect(body.wabas).toHaveLength(1);
    expect(body.wabas[0]).toMatchObject({ id: SEED_IDS.wabaId, name: expect.any(String) });
    expect(body.wabas[0].phoneNumbers).toEqual([
      expect.objectContaining({
        id: phone,
        displayPhoneNumber: "+1 555-078-3881",
        verifiedName: "Jasper's Market",
        pin: "123456",
      }),
      expect.objectContaining({
        id: SEED_IDS.unverifiedPhoneNumberId,
        pin: "654321",
      }),
    ]);
    expect(body.catalogs).toEqual([expect.objectContaining({ id: SEED_IDS.catalogId, productCount: 0 })]);
    expect(body.rules.pairRate).toEqual({ intervalMs: 6000, burst: 45 });
  });
});

describe("POST /_emulator/inbound", () => {
  it("accepts other message types as a raw Meta message object", async () => {
    // A button reply quotes the business message that carried the buttons (Meta's schema requires context).
    const message = {
      type: "interactive",
      context: { from: "15550783881", id: "wamid.HBgLMTY1MDU1NTYwMDA=" },
      interactive: { type: "button_reply", button_reply: { id: "yes", title: "Yes" } },
    };
    const res = await h.control("POST", "/inbound", { phoneNumberId: phone, from: "16505556000", message });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ wamid: expect.stringMatching(/^wamid\./), webhook: "queued" });
    const change = await h.receiver.waitFor(() =>
      h.receiver.changes().find((c) => c.value.messages?.[0]?.id === res.body.wamid),
    );
    expect(change.value.messages[0]).toMatchObject({
      from: "16505556000",
      type: "interactive",
      interactive: message.interactive,
      timestamp: expect.stringMatching(/^\d+$/),
    });
    // Matched on the parsed body: the raw bytes escape a `/` of the base64 wamid as `\/`, as Meta's do.
    expectSpecWebhook(h.receiver.received.find((w) => JSON.stringify(w.body).includes(res.body.wamid))!.body);
  });

  it("stores a customer's file as media that Graph serves back with the token", async () => {
    const photo = Buffer.from("not really a jpeg");
    const res = await h.control("POST", "/inbound", {
      phoneNumberId: phone,
      from: "16505556003",
      media: { mimeType: "image/jpeg", base64: photo.toString("base64"), caption: "my receipt" },
    });
    const change = await h.receiver.waitFor(() =>
      h.receiver.changes().find((c) => c.value.messages?.[0]?.id === res.body.wamid),
    );
    const image = change.value.messages[0].image;
    expect(change.value.messages[0].type).toBe("image");
    expect(image).toMatchObject({
      mime_type: "image/jpeg",
      caption: "my receipt",
      // Base64, as in Meta's image webhook reference ("SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI="), with the download url.
      sha256: createHash("sha256").update(photo).digest("base64"),
      url: expect.stringContaining("/_lookaside/whatsapp_business/attachments/?mid="),
    });
    const info = await h.call("GET", `/${V}/${image.id}`, { token });
    const download = await fetch(info.body.url, { headers: { authorization: `Bearer ${token}` } });
    expect(Buffer.from(await download.arrayBuffer()).equals(photo)).toBe(true);
  });

  it("refuses a malformed raw message and an unknown number", async () => {
    const bad = await h.control("POST", "/inbound", {
      phoneNumberId: phone,
      from: "16505556000",
      message: { type: "text", text: { body: 5 } },
    });
    expect(bad.status).toBe(400);
    const unknown = await h.control("POST", "/inbound", { phoneNumberId: "1", from: "16505556000", text: "hi" });
    expect(unknown.status).toBe(400);
    const empty = await h.control("POST", "/inbound", { phoneNumberId: phone, from: "16505556000" });
    expect(empty.status).toBe(400);
  });
});

describe("GET /_emulator/messages", () => {
  it("lists what /messages accepted, with each request body, filtered by phoneNumberId", async () => {
    await h.control("POST", "/inbound", { phoneNumberId: phone, from: "16505556001", text: "hi" });
    const body = textTo("16505556001", "hello back");
    const sent = await h.call("POST", `/${V}/${phone}/messages`, { token, json: body });
    const mine = await h.control("GET", `/messages?phoneNumberId=${phone}`);
    expect(mine.body.data).toContainEqual(
      expect.objectContaining({ wamid: sent.body.messages[0].id, to: "16505556001", body, failure: null }),
    );
    const other = await h.control("GET", `/messages?phoneNumberId=${SEED_IDS.unverifiedPhoneNumberId}`);
    expect(other.body.data).toEqual([]);
  });
});

describe("other controls", () => {
  it("moves the webhook URL at run time", async () => {
    await h.control("PUT", "/webhook-url", { url: null });
    const res = await h.control("POST", "/inbound", { phoneNumberId: phone, from: "16505556002", text: "lost" });
    expect(res.body.webhook).toBe("no_webhook_url");
    await h.control("PUT", "/webhook-url", { url: h.receiver.url });
    await new Promise((r) => setTimeout(r, 100));
    // What was posted while no URL was set is never delivered later. (Counting all deliveries here
    // would also count late status webhooks of earlier tests.)
    expect(h.receiver.received.filter((r) => r.raw.toString("utf8").includes(res.body.wamid))).toEqual([]);
  });

  it("validates its own bodies", async () => {
    expect((await h.control("PATCH", `/phone-numbers/${phone}`, { throughputMps: -1 })).status).toBe(400);
    expect((await h.control("POST", "/clock", { advanceMs: -5 })).status).toBe(400);
    expect((await h.control("POST", "/templates/123/review", { status: "MAYBE" })).status).toBe(400);
    expect((await h.control("POST", "/tokens/revoke", { accessToken: "EAAunknown" })).status).toBe(400);
  });

  it("takes declined_permissions on approve as a comma list", async () => {
    const form = {
      client_id: h.server.appId,
      redirect_uri: REDIRECT,
      state: "s",
      config_id: "c",
      response_type: "code",
      declined_permissions: "whatsapp_business_management,whatsapp_business_messaging",
    };
    const approve = await h.call("POST", `/${V}/dialog/oauth/approve`, { form });
    const code = new URL(approve.headers.get("location")!).searchParams.get("code")!;
    const q = new URLSearchParams({
      client_id: h.server.appId,
      client_secret: h.server.appSecret,
      code,
      redirect_uri: REDIRECT,
    });
    const limited = (await h.call("GET", `/${V}/oauth/access_token?${q}`)).body.access_token;
    const waba = await h.call("GET", `/${V}/${SEED_IDS.wabaId}`, { token: limited });
    expect(waba.status).toBe(403);
    expect(waba.body.error.code).toBe(200);
  });
});
