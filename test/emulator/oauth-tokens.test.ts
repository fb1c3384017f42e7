import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REDIRECT, SEED_IDS, startHarness, V, type Harness } from "./support/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function codeFor(configId = "cfg-1"): Promise<string> {
  const form = {
    client_id: h.server.appId,
    redirect_uri: REDIRECT,
    state: "s",
    config_id: configId,
    response_type: "code",
  };
  if (!configId) delete (form as Partial<typeof form>).config_id;
  const res = await h.call("POST", `/${V}/dialog/oauth/approve`, { form });
  return new URL(res.headers.get("location")!).searchParams.get("code")!;
}

const exchange = (code: string, extra: Record<string, string> = {}) =>
  h.call(
    "GET",
    `/${V}/oauth/access_token?${new URLSearchParams({ client_id: h.server.appId, client_secret: h.server.appSecret, code, redirect_uri: REDIRECT, ...extra }).toString()}`,
  );

const appToken = () => `${h.server.appId}|${h.server.appSecret}`;
const debug = (input: string) =>
  h.call(
    "GET",
    `/${V}/debug_token?${new URLSearchParams({ input_token: input, access_token: appToken() }).toString()}`,
  );

describe("code exchange", () => {
  it("gives a Meta-shaped token once, then 100/36009 for the used code", async () => {
    const code = await codeFor();
    const first = await exchange(code);
    expect(first.status).toBe(200);
    expect(first.body.token_type).toBe("bearer");
    expect(first.body.access_token).toMatch(/^EAA[A-Za-z0-9]+$/);
    expect(first.body.expires_in).toBeUndefined(); // business token of a Login for Business config
    const again = await exchange(code);
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ code: 100, error_subcode: 36009, type: "OAuthException" });
  });

  it("refuses a redirect_uri that differs from the dialog's (100/36008)", async () => {
    const res = await exchange(await codeFor(), { redirect_uri: "http://localhost:3000/other" });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 100, error_subcode: 36008 });
    expect(res.body.error.message).toContain("redirect_uri is identical");
  });

  it("refuses a wrong client secret (code 1) and an expired code (100/36007)", async () => {
    const code = await codeFor();
    const bad = await exchange(code, { client_secret: "nope" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe(1);
    await h.control("POST", "/clock", { advanceMs: 11 * 60_000 });
    const late = await exchange(code);
    expect(late.status).toBe(400);
    expect(late.body.error).toMatchObject({ code: 100, error_subcode: 36007 });
  });

  // Meta, "Access tokens: long-lived tokens" (Facebook Login): a user token from the code exchange
  // lives about two hours; GET oauth/access_token?grant_type=fb_exchange_token gives one of about
  // 60 days. A Login for Business configuration (config_id) gives a system-user token that never
  // expires instead (issue 14, item 3).
  it("turns a short-lived user token into a 60-day one with fb_exchange_token", async () => {
    const short = await exchange(await codeFor(""));
    expect(short.body.expires_in).toBe(7200);
    const q = new URLSearchParams({
      grant_type: "fb_exchange_token",
      client_id: h.server.appId,
      client_secret: h.server.appSecret,
      fb_exchange_token: short.body.access_token,
    });
    const long = await h.call("GET", `/${V}/oauth/access_token?${q.toString()}`);
    expect(long.status).toBe(200);
    expect(long.body.expires_in).toBeGreaterThan(59 * 24 * 3600);
    expect(long.body.access_token).not.toBe(short.body.access_token);
  });
});

describe("debug_token", () => {
  it("reports scopes and granular scopes naming the WABA and the catalog", async () => {
    const token = await h.login();
    const res = await debug(token);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ app_id: h.server.appId, type: "SYSTEM_USER", is_valid: true, expires_at: 0 });
    expect(res.body.data.granular_scopes).toEqual(
      expect.arrayContaining([
        { scope: "whatsapp_business_management", target_ids: [SEED_IDS.wabaId] },
        { scope: "whatsapp_business_messaging", target_ids: [SEED_IDS.wabaId] },
        { scope: "catalog_management", target_ids: [SEED_IDS.catalogId] },
      ]),
    );
  });

  it("leaves out a permission the user declined, and the WABA then answers 200", async () => {
    const token = await h.login({ declined: ["whatsapp_business_management"] });
    const res = await debug(token);
    expect(res.body.data.scopes).not.toContain("whatsapp_business_management");
    const templates = await h.call("GET", `/${V}/${SEED_IDS.wabaId}/message_templates`, { token });
    expect(templates.status).toBe(403);
    expect(templates.body.error.code).toBe(200);
  });

  it("says is_valid false with the 190 error for an unknown token", async () => {
    const res = await debug("EAAnotAtoken");
    expect(res.status).toBe(200);
    expect(res.body.data.is_valid).toBe(false);
    expect(res.body.data.error.code).toBe(190);
  });
});

describe("revocation and expiry", () => {
  it("fails every call with 190 (subcode 460) once the token is revoked", async () => {
    const token = await h.login();
    const other = await h.login();
    expect((await h.call("GET", `/${V}/${SEED_IDS.wabaId}`, { token })).status).toBe(200);
    const revoke = await h.control("POST", "/tokens/revoke", { accessToken: token });
    expect(revoke.body.revoked).toBe(1);
    for (const path of [`/${V}/${SEED_IDS.wabaId}`, `/${V}/${SEED_IDS.wabaId}/phone_numbers`, `/${V}/me`]) {
      const res = await h.call("GET", path, { token });
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ code: 190, error_subcode: 460, type: "OAuthException" });
    }
    const send = await h.call("POST", `/${V}/${SEED_IDS.verifiedPhoneNumberId}/messages`, { token, json: {} });
    expect(send.body.error.code).toBe(190);
    expect((await debug(token)).body.data).toMatchObject({ is_valid: false, error: { code: 190, subcode: 460 } });
    expect((await h.call("GET", `/${V}/me`, { token: other })).status).toBe(200);
  });

  it("revokes every token when no accessToken is named", async () => {
    const a = await h.login();
    const b = await h.login();
    const res = await h.control("POST", "/tokens/revoke", {});
    expect(res.body.revoked).toBeGreaterThanOrEqual(2);
    for (const token of [a, b]) expect((await h.call("GET", `/${V}/me`, { token })).body.error.error_subcode).toBe(460);
  });

  // graph.facebook.com without any token: {"message":"An access token is required to request this
  // resource.","type":"OAuthException","code":104} with HTTP 400 (platform-facts; facebook-node-sdk#105).
  it("answers 104 (HTTP 400) without a token and 190 (401) for a garbled one", async () => {
    const none = await h.call("GET", `/${V}/${SEED_IDS.wabaId}`);
    expect(none.status).toBe(400);
    expect(none.body.error).toMatchObject({ code: 104, type: "OAuthException" });
    const send = await h.call("POST", `/${V}/${SEED_IDS.verifiedPhoneNumberId}/messages`, { json: {} });
    expect(send.status).toBe(400);
    expect(send.body.error.code).toBe(104);
    const garbled = await h.call("GET", `/${V}/${SEED_IDS.wabaId}`, { token: "EAAgarbage" });
    expect(garbled.body.error.code).toBe(190);
  });

  // Meta's Graph error table: an expired session is 190 with subcode 463 (issue 14, item 3).
  it("expires short-lived user tokens after two hours (190/463)", async () => {
    const token = (await exchange(await codeFor(""))).body.access_token as string;
    await h.control("POST", "/clock", { advanceMs: 2 * 3600_000 + 1000 });
    const res = await h.call("GET", `/${V}/me`, { token });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 190, error_subcode: 463 });
  });
});

/**
 * Meta, "Securing Graph API Requests" (developers.facebook.com/docs/graph-api/securing-requests):
 * with the app's "Require App Secret" on, a call with a user or system-user token needs
 * `appsecret_proof` = hex HMAC-SHA256(token, app secret); without it Graph answers code 100
 * "API calls from the server require an appsecret_proof argument", with a wrong one code 100
 * "Invalid appsecret_proof provided in the API argument" (GraphMethodException, HTTP 400).
 */
describe("Require App Secret (Meta: securing Graph API requests)", () => {
  const proof = (token: string) => createHmac("sha256", h.server.appSecret).update(token).digest("hex");
  const wabaPath = `/${V}/${SEED_IDS.wabaId}`;

  it("is off by default; on, refuses a user-token call without a proof or with a wrong one, and takes the right one", async () => {
    await h.control("POST", "/reset");
    const token = (await (await exchange(await codeFor())).body).access_token as string;
    expect((await h.call("GET", wabaPath, { token })).status).toBe(200);

    const on = await h.control("PATCH", "/app", { requireAppSecret: true });
    expect(on.body).toMatchObject({ requireAppSecret: true });
    expect((await h.control("GET", "/state")).body.app.requireAppSecret).toBe(true);

    const missing = await h.call("GET", wabaPath, { token });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({
      code: 100,
      type: "GraphMethodException",
      message: "API calls from the server require an appsecret_proof argument",
    });
    const wrong = await h.call("GET", `${wabaPath}?appsecret_proof=${proof(token + "x")}`, { token });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({
      code: 100,
      message: "Invalid appsecret_proof provided in the API argument",
    });
    expect((await h.call("GET", `${wabaPath}?appsecret_proof=${proof(token)}`, { token })).status).toBe(200);
    // In a JSON body, like any Graph parameter; app tokens need none.
    const send = await h.call("POST", `/${V}/${SEED_IDS.wabaId}/subscribed_apps`, {
      token,
      json: { appsecret_proof: proof(token) },
    });
    expect(send.status, send.text).toBe(200);
    expect((await debug(token)).body.data.is_valid).toBe(true);

    await h.control("POST", "/reset");
    expect((await h.control("GET", "/state")).body.app.requireAppSecret).toBe(false);
  });
});
