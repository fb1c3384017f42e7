import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SEED_IDS, startHarness, textTo, uploadPath, V, type Harness } from "./support/harness.js";
import { approvedTemplate, orderSend, orderTemplate } from "./support/templates.js";

let h: Harness;
let token: string;
const verified = SEED_IDS.verifiedPhoneNumberId;
const unverified = SEED_IDS.unverifiedPhoneNumberId;
const send = (phone: string, body: unknown) => h.call("POST", `/${V}/${phone}/messages`, { token, json: body });
const inbound = (phone: string, from: string) =>
  h.control("POST", "/inbound", { phoneNumberId: phone, from, text: "hello" });

beforeAll(async () => {
  h = await startHarness({ statusDelaysMs: { sent: 0, delivered: 0, read: 0 } });
});
beforeEach(async () => {
  await h.control("POST", "/reset");
  token = await h.connected();
  await approvedTemplate(h, token);
});
afterAll(() => h.close());

describe("throughput per number (130429)", () => {
  it("refuses sends past the number's messages per second with HTTP 400", async () => {
    await h.control("PATCH", `/phone-numbers/${verified}`, { throughputMps: 5 });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => send(verified, orderSend(`1650555${String(i).padStart(4, "0")}`))),
    );
    const refused = results.filter((r) => r.status !== 200);
    expect(refused.length).toBeGreaterThanOrEqual(3);
    expect(refused[0]!.status).toBe(400);
    expect(refused[0]!.body.error).toMatchObject({
      code: 130429,
      message: "(#130429) Rate limit hit",
      is_transient: true,
    });
    await h.control("POST", "/clock", { advanceMs: 1000 });
    expect((await send(verified, orderSend("16505550100"))).status).toBe(200);
  });
});

describe("pair rate (131056)", () => {
  it("allows a burst of 45 to one user, then one message per 6 seconds", async () => {
    await inbound(verified, "16505551000");
    for (let i = 0; i < 45; i++) expect((await send(verified, textTo("16505551000", `m${i}`))).status).toBe(200);
    const refused = await send(verified, textTo("16505551000"));
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe(131056);
    expect((await send(verified, textTo("16505551001"))).status).toBe(200); // other users are not affected
    await h.control("POST", "/clock", { advanceMs: 6000 });
    expect((await send(verified, textTo("16505551000"))).status).toBe(200);
    expect((await send(verified, textTo("16505551000"))).body.error.code).toBe(131056);
  });
});

describe("24-hour customer service window (131047)", () => {
  it("accepts free-form outside the window, then reports failed with 131047", async () => {
    const res = await send(verified, textTo("16505552000"));
    expect(res.status).toBe(200);
    const id = res.body.messages[0].id;
    const failed = await h.receiver.waitFor(() => h.receiver.statuses().find((s) => s.id === id));
    expect(failed).toMatchObject({ status: "failed", errors: [{ code: 131047, title: "Re-engagement message" }] });
  });

  it("opens when the customer writes and closes 24 hours later; templates still go out", async () => {
    await inbound(verified, "16505552001");
    const inside = await send(verified, textTo("16505552001"));
    await h.receiver.waitFor(() =>
      h.receiver.statuses().find((s) => s.id === inside.body.messages[0].id && s.status === "read"),
    );
    await h.control("POST", "/clock", { advanceMs: 24 * 3600_000 });
    const outside = await send(verified, textTo("16505552001"));
    const failed = await h.receiver.waitFor(() =>
      h.receiver.statuses().find((s) => s.id === outside.body.messages[0].id),
    );
    expect(failed.errors[0].code).toBe(131047);
    const template = await send(verified, orderSend("16505552001"));
    expect(template.body.messages[0].message_status).toBe("accepted");
    const sent = await h.receiver.waitFor(() =>
      h.receiver.statuses().find((s) => s.id === template.body.messages[0].id),
    );
    expect(sent.status).toBe("sent");
  });
});

/** An unverified business of its own: a portfolio with its WABA, one registered number and an approved template. */
async function unverifiedPortfolio(messagingLimit?: string): Promise<{ businessId: string; phone: string }> {
  const added = await h.control("POST", "/wabas", {
    name: "Corner shop",
    businessVerified: false,
    ...(messagingLimit ? { messagingLimit } : {}),
  });
  token = await h.login(); // shares every account, the new one included
  const number = added.body.phoneNumbers[0];
  const reg = await h.call("POST", `/${V}/${number.id}/register`, {
    token,
    json: { messaging_product: "whatsapp", pin: number.pin },
  });
  expect(reg.status, reg.text).toBe(200);
  const created = await h.call("POST", `/${V}/${added.body.wabaId}/message_templates`, {
    token,
    json: orderTemplate(),
  });
  await h.control("POST", `/templates/${created.body.id}/review`, { status: "APPROVED" });
  return { businessId: added.body.businessId, phone: number.id };
}

// Meta's messaging-limits doc: "calculated and set at the business portfolio level and are shared by
// all business phone numbers within a portfolio"; an unverified business is held to a small limit.
describe("unverified business: 50 unique business-initiated recipients per rolling 24 h (131048)", () => {
  it("refuses the 51st new recipient, still reaches counted ones and users in a window, and frees up after 24 h", async () => {
    const { phone: unverified } = await unverifiedPortfolio();
    for (let i = 0; i < 50; i++)
      expect((await send(unverified, orderSend(`1650556${String(i).padStart(4, "0")}`))).status).toBe(200);
    const refused = await send(unverified, orderSend("16505569999"));
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe(131048);
    expect((await send(unverified, orderSend("16505560000"))).status).toBe(200);
    await inbound(unverified, "16505568000");
    expect((await send(unverified, orderSend("16505568000"))).status).toBe(200);
    expect((await send(verified, orderSend("16505569999"))).status).toBe(200); // another portfolio has its own limit
    await h.control("POST", "/clock", { advanceMs: 24 * 3600_000 });
    expect((await send(unverified, orderSend("16505569999"))).status).toBe(200);
  });

  it("reports the limit it enforces: TIER_50 at v23 and v24, never TIER_250 for a 50-limited number", async () => {
    const { phone } = await unverifiedPortfolio();
    const v23 = await h.call("GET", `/${V}/${phone}?fields=messaging_limit_tier`, { token });
    expect(v23.body.messaging_limit_tier).toBe("TIER_50");
    const v24 = await h.call("GET", `/v24.0/${phone}?fields=whatsapp_business_manager_messaging_limit`, { token });
    expect(v24.body.whatsapp_business_manager_messaging_limit).toBe("TIER_50");
  });
});

describe("the portfolio's messaging limit is shared by all its numbers (messaging-limits doc, since 2025-10-07)", () => {
  it("a 250 portfolio: recipients reached from one number use up the other's room; a user counted once may get either", async () => {
    const state = (await h.control("GET", "/state")).body;
    await h.control("PATCH", `/businesses/${SEED_IDS.businessId}`, { messagingLimit: "TIER_250" });
    // Sent back to back, faster than the default 80/s on a quiet machine: the limit under test is the portfolio's.
    for (const phone of [verified, unverified])
      await h.control("PATCH", `/phone-numbers/${phone}`, { throughputMps: 1000 });
    for (let i = 0; i < 200; i++)
      expect((await send(verified, orderSend(`1650557${String(i).padStart(4, "0")}`))).status).toBe(200);
    for (let i = 200; i < 250; i++)
      expect((await send(unverified, orderSend(`1650557${String(i).padStart(4, "0")}`))).status).toBe(200);
    const refused = await send(unverified, orderSend("16505579999"));
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe(131048);
    expect((await send(verified, orderSend("16505579999"))).body.error.code).toBe(131048);
    // Reached from the first number, sent again from the second: not a new user for the portfolio.
    expect((await send(unverified, orderSend("16505570000"))).status).toBe(200);
    const after = (await h.control("GET", "/state")).body;
    expect(after.businesses.find((b: { id: string }) => b.id === SEED_IDS.businessId)).toMatchObject({
      messagingLimit: "TIER_250",
      reached: 250,
    });
    expect(state.businesses[0].reached).toBe(0);
  });

  it("every number, the WABA and the business report the portfolio's limit in whatsapp_business_manager_messaging_limit (v24)", async () => {
    await h.control("PATCH", `/businesses/${SEED_IDS.businessId}`, { messagingLimit: "TIER_2K" });
    const numbers = await h.call(
      "GET",
      `/v24.0/${SEED_IDS.wabaId}/phone_numbers?fields=whatsapp_business_manager_messaging_limit`,
      { token },
    );
    expect(
      numbers.body.data.map(
        (n: { whatsapp_business_manager_messaging_limit: string }) => n.whatsapp_business_manager_messaging_limit,
      ),
    ).toEqual(["TIER_2K", "TIER_2K"]);
    const waba = await h.call("GET", `/v24.0/${SEED_IDS.wabaId}?fields=whatsapp_business_manager_messaging_limit`, {
      token,
    });
    expect(waba.body).toEqual({ id: SEED_IDS.wabaId, whatsapp_business_manager_messaging_limit: "TIER_2K" });
    const business = await h.call(
      "GET",
      `/v24.0/${SEED_IDS.businessId}?fields=whatsapp_business_manager_messaging_limit`,
      { token },
    );
    expect(business.body).toEqual({ id: SEED_IDS.businessId, whatsapp_business_manager_messaging_limit: "TIER_2K" });
    // v23 has no such field on the WABA: "nonexisting field" (100).
    const v23 = await h.call("GET", `/${V}/${SEED_IDS.wabaId}?fields=whatsapp_business_manager_messaging_limit`, {
      token,
    });
    expect(v23.body.error.code).toBe(100);
  });

  it("an unlimited portfolio refuses no new recipient", async () => {
    await h.control("PATCH", `/businesses/${SEED_IDS.businessId}`, { messagingLimit: "TIER_UNLIMITED" });
    await h.control("PATCH", `/phone-numbers/${verified}`, { throughputMps: 1000 });
    for (let i = 0; i < 300; i++)
      expect((await send(verified, orderSend(`1650558${String(i).padStart(4, "0")}`))).status).toBe(200);
  });
});

describe("templates at send time", () => {
  it("answers 132001 (HTTP 404) for an unknown template or language, and for one still pending", async () => {
    const unknown = await send(verified, orderSend("16505553000", ["a", "b"], "no_such_template"));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({
      code: 132001,
      error_data: { details: "template name (no_such_template) does not exist in en_US" },
    });
    await h.call("POST", `/${V}/${SEED_IDS.wabaId}/message_templates`, {
      token,
      json: {
        name: "pending_one",
        language: "en_US",
        category: "UTILITY",
        components: [{ type: "BODY", text: "Plain text" }],
      },
    });
    const pending = await send(verified, {
      messaging_product: "whatsapp",
      to: "16505553000",
      type: "template",
      template: { name: "pending_one", language: { code: "en_US" } },
    });
    expect(pending.status).toBe(404);
    expect(pending.body.error.code).toBe(132001);
  });

  it("answers 132000 when the parameter count does not match the template", async () => {
    const res = await send(verified, orderSend("16505553001", ["only one"]));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 132000,
      error_data: {
        details: "body: number of localizable_params (1) does not match the expected number of params (2)",
      },
    });
  });

  it("answers 132015 for a paused template and 132016 for a disabled one", async () => {
    const id = (await h.control("GET", "/state")).body.templates[0].id;
    await h.control("POST", `/templates/${id}/review`, { status: "PAUSED" });
    const paused = await send(verified, orderSend("16505553002"));
    expect(paused.status).toBe(400);
    expect(paused.body.error.code).toBe(132015);
    await h.control("POST", `/templates/${id}/review`, { status: "DISABLED" });
    const disabled = await send(verified, orderSend("16505553002"));
    expect(disabled.status).toBe(400);
    expect(disabled.body.error.code).toBe(132016);
  });

  it("answers 132012 when an image header gets no image parameter", async () => {
    const session = await h.call(
      "POST",
      `/${V}/${h.server.appId}/uploads?file_name=a.png&file_length=3&file_type=image/png`,
      { token },
    );
    const upload = await fetch(`${h.url}${uploadPath(session.body.id)}`, {
      method: "POST",
      headers: { authorization: `OAuth ${token}`, file_offset: "0" },
      body: "abc",
    });
    const { h: handle } = (await upload.json()) as { h: string };
    await approvedTemplate(h, token, {
      name: "promo",
      language: "en_US",
      category: "MARKETING",
      components: [
        { type: "HEADER", format: "IMAGE", example: { header_handle: [handle] } },
        { type: "BODY", text: "Sale today." },
      ],
    });
    const promo = (header: unknown[]) => ({
      messaging_product: "whatsapp",
      to: "16505553003",
      type: "template",
      template: {
        name: "promo",
        language: { code: "en_US" },
        components: header.length ? [{ type: "header", parameters: header }] : [],
      },
    });
    const missing = await send(verified, promo([]));
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({
      code: 132012,
      error_data: { details: "header: Format mismatch, expected IMAGE, received NONE" },
    });
    expect(
      (await send(verified, promo([{ type: "image", image: { link: "https://example.com/a.png" } }]))).status,
    ).toBe(200);
  });

  it("answers 131009 for a recipient that is not a phone number", async () => {
    const res = await send(verified, orderSend("call me maybe"));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(131009);
  });
});
