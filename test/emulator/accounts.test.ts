import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_IDS, SEED_PINS, startHarness, V, type Harness } from "./support/harness.js";
import { expectSpecResponse } from "./support/spec.js";
import type { Json } from "../support/json.js";

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startHarness();
  token = await h.login();
});
afterAll(() => h.close());

const phone = SEED_IDS.verifiedPhoneNumberId;

describe("WABA and phone numbers", () => {
  it("lists both numbers with Meta's fields, valid against the OpenAPI file", async () => {
    const fields =
      "id,display_phone_number,verified_name,quality_rating,code_verification_status,platform_type,throughput,status,name_status,messaging_limit_tier";
    const path = `/${V}/${SEED_IDS.wabaId}/phone_numbers?fields=${fields}`;
    const res = await h.call("GET", path, { token });
    expect(res.status).toBe(200);
    expectSpecResponse("GET", path, res);
    expect(res.body.data).toHaveLength(2);
    const [verified, unverified] = res.body.data;
    expect(verified).toMatchObject({
      id: phone,
      quality_rating: "GREEN",
      throughput: { level: "STANDARD" },
      status: "PENDING",
      platform_type: "NOT_APPLICABLE",
      messaging_limit_tier: "TIER_10K",
    });
    // Both numbers of the portfolio report its one limit (messaging-limits doc, since 2025-10-07).
    expect(unverified).toMatchObject({ id: SEED_IDS.unverifiedPhoneNumberId, messaging_limit_tier: "TIER_10K" });
    expect(res.body.paging.cursors.before).toBeTypeOf("string");
  });

  it("reads one number, with the v24 limit field only from v24", async () => {
    const v23 = await h.call("GET", `/${V}/${phone}?fields=whatsapp_business_manager_messaging_limit`, { token });
    expect(v23.status).toBe(400);
    expect(v23.body.error.code).toBe(100);
    const v24 = await h.call("GET", `/v24.0/${phone}?fields=whatsapp_business_manager_messaging_limit`, { token });
    expect(v24.body).toEqual({ whatsapp_business_manager_messaging_limit: "TIER_10K", id: phone });
  });

  it("reads the WABA node with its default fields", async () => {
    const res = await h.call("GET", `/${V}/${SEED_IDS.wabaId}`, { token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: SEED_IDS.wabaId,
      name: expect.any(String),
      currency: "USD",
      message_template_namespace: expect.any(String),
    });
  });

  it("answers 100/33 for an unknown numeric id, 803 for an alias and 100 for an unknown field", async () => {
    const unknown = await h.call("GET", `/${V}/99999999999`, { token });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 100, error_subcode: 33, type: "GraphMethodException" });
    const alias = await h.call("GET", `/${V}/jaspers-market`, { token });
    expect(alias.status).toBe(404);
    expect(alias.body.error.code).toBe(803);
    const field = await h.call("GET", `/${V}/${phone}?fields=favourite_colour`, { token });
    expect(field.status).toBe(400);
    expect(field.body.error.message).toBe(
      "(#100) Tried accessing nonexisting field (favourite_colour) on node type (WhatsAppBusinessPhoneNumber)",
    );
  });
});

describe("register, deregister, two-step PIN", () => {
  it("refuses a wrong PIN with 133005 and a malformed one with 100", async () => {
    const wrong = await h.call("POST", `/${V}/${phone}/register`, {
      token,
      json: { messaging_product: "whatsapp", pin: "000000" },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 133005, message: "(#133005) Two step verification PIN Mismatch" });
    const short = await h.call("POST", `/${V}/${phone}/register`, {
      token,
      json: { messaging_product: "whatsapp", pin: "12" },
    });
    expect(short.body.error.code).toBe(100);
  });

  // Cloud API "Registration": a registered number reads status CONNECTED and platform_type CLOUD_API
  // straight away, so a client sees it without a later sync (issue 14, item 14).
  it("registers with the PIN (CONNECTED, CLOUD_API), deregisters, and sets a new PIN", async () => {
    const ok = await h.call("POST", `/${V}/${phone}/register`, {
      token,
      json: { messaging_product: "whatsapp", pin: SEED_PINS.verified },
    });
    expect(ok.body).toEqual({ success: true });
    const node = await h.call("GET", `/${V}/${phone}?fields=status,platform_type`, { token });
    expect(node.body).toMatchObject({ status: "CONNECTED", platform_type: "CLOUD_API" });
    expect((await h.call("POST", `/${V}/${phone}/deregister`, { token })).body).toEqual({ success: true });
    expect((await h.call("POST", `/${V}/${phone}`, { token, json: { pin: "246810" } })).body).toEqual({
      success: true,
    });
    const old = await h.call("POST", `/${V}/${phone}/register`, {
      token,
      json: { messaging_product: "whatsapp", pin: SEED_PINS.verified },
    });
    expect(old.body.error.code).toBe(133005);
  });

  it("allows 10 register/deregister calls per 72 hours, then 133016", async () => {
    const other = SEED_IDS.unverifiedPhoneNumberId;
    for (let i = 0; i < 10; i++) {
      const res = await h.call("POST", `/${V}/${other}/${i % 2 ? "deregister" : "register"}`, {
        token,
        json: { messaging_product: "whatsapp", pin: SEED_PINS.unverified },
      });
      expect(res.status).toBe(200);
    }
    const blocked = await h.call("POST", `/${V}/${other}/register`, {
      token,
      json: { messaging_product: "whatsapp", pin: SEED_PINS.unverified },
    });
    expect(blocked.status).toBe(400);
    expect(blocked.body.error.code).toBe(133016);
    await h.control("POST", "/clock", { advanceMs: 72 * 3600_000 });
    expect(
      (
        await h.call("POST", `/${V}/${other}/register`, {
          token,
          json: { messaging_product: "whatsapp", pin: SEED_PINS.unverified },
        })
      ).status,
    ).toBe(200);
  });
});

describe("adding and verifying a number", () => {
  it("adds a number, refuses to register it until verify_code matches the requested code", async () => {
    const added = await h.call("POST", `/${V}/${SEED_IDS.wabaId}/phone_numbers`, {
      token,
      json: { cc: "1", phone_number: "6315551234", verified_name: "Jasper's Annex" },
    });
    expect(added.status).toBe(200);
    const id = added.body.id as string;
    const early = await h.call("POST", `/${V}/${id}/register`, {
      token,
      json: { messaging_product: "whatsapp", pin: "112233" },
    });
    expect(early.body.error.code).toBe(133006);
    expect(
      (await h.call("POST", `/${V}/${id}/request_code`, { token, json: { code_method: "SMS", language: "en_US" } }))
        .body,
    ).toEqual({ success: true });
    const wrong = await h.call("POST", `/${V}/${id}/verify_code`, { token, json: { code: "000000" } });
    expect(wrong.body.error.code).toBe(136025);
    const state = await h.control("GET", "/state");
    const code = state.body.wabas[0].phoneNumbers.find((p: Json) => p.id === id).verificationCode;
    expect((await h.call("POST", `/${V}/${id}/verify_code`, { token, json: { code } })).body).toEqual({
      success: true,
    });
    expect(
      (await h.call("POST", `/${V}/${id}/register`, { token, json: { messaging_product: "whatsapp", pin: "112233" } }))
        .body,
    ).toEqual({ success: true });
    const dup = await h.call("POST", `/${V}/${SEED_IDS.wabaId}/phone_numbers`, {
      token,
      json: { cc: "1", phone_number: "6315551234" },
    });
    expect(dup.body.error).toMatchObject({ code: 100, error_subcode: 2388012 });
  });
});

describe("subscribed_apps", () => {
  it("subscribes, lists and unsubscribes the app", async () => {
    const path = `/${V}/${SEED_IDS.wabaId}/subscribed_apps`;
    expect((await h.call("GET", path, { token })).body).toEqual({ data: [] });
    const post = await h.call("POST", path, { token });
    expect(post.body).toEqual({ success: true });
    expectSpecResponse("POST", path, post);
    const list = await h.call("GET", path, { token });
    expect(list.body.data[0].whatsapp_business_api_data).toMatchObject({
      id: h.server.appId,
      name: "Wharf Emulator App",
    });
    expectSpecResponse("GET", path, list);
    expect((await h.call("DELETE", path, { token })).body).toEqual({ success: true });
    expect((await h.call("GET", path, { token })).body).toEqual({ data: [] });
  });

  it("refuses a token without whatsapp_business_management on the WABA with 200 (HTTP 403)", async () => {
    const limited = await h.login({ declined: ["whatsapp_business_management"] });
    const res = await h.call("POST", `/${V}/${SEED_IDS.wabaId}/subscribed_apps`, { token: limited });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 200, type: "OAuthException" });
  });
});
