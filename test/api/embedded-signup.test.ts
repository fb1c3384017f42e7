// Issue 19: Embedded Signup through Meta's JavaScript SDK, over plain HTTP against the emulator's
// stand-in popup: its code (issued without a redirect URI), the WABA and number ids its FINISH
// message carries, a token that grants several WABAs (the user's pick), and the refusals.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addEmulatorWaba, SEED_WABA_ID } from "../support/connect.js";
import { apiClient } from "../support/api-client.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";

let w: StartedWharf;
beforeAll(async () => {
  w = await startWharf();
});
afterAll(() => w?.close());

/** The API as `token` (a session or an API key) calls it. */
const api = (method: string, path: string, token: string, body?: unknown) =>
  apiClient(w.url, token).call(method, path, body);
const newWorkspace = async (name: string) =>
  (await api("POST", "/v1/workspaces", w.adminToken, { name })).body as { id: string; apiKey: string };

/** What the popup's Finish does: the emulator issues a code for the ticked WABAs, as the SDK would. */
async function popupFinish(wabaIds: string[], onlyWaba = false) {
  const config = (await api("GET", "/v1/connection", w.demo.apiKey)).body.embeddedSignup as {
    appId: string;
    configId: string;
    graphVersion: string;
  };
  const res = await fetch(`${w.url}/_meta/${config.graphVersion}/dialog/embedded_signup/finish`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      client_id: config.appId,
      config_id: config.configId,
      waba_ids: wabaIds,
      only_waba: onlyWaba,
    }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { code: string; waba_id: string; phone_number_id?: string; business_id: string };
}

describe("Embedded Signup's popup (JS SDK codes)", () => {
  it("offers the popup with the emulator's SDK, and connects the WABA and number FINISH carried", async () => {
    const ws = await newWorkspace("Popup finish");
    const described = await api("GET", "/v1/connection", ws.apiKey);
    expect(described.body.embeddedSignup).toMatchObject({
      sdkUrl: `${w.url}/_meta/sdk.js`,
      origins: [new URL(w.url).origin],
      configId: expect.any(String),
    });
    const sdk = await fetch(`${w.url}/_meta/sdk.js`);
    expect(await sdk.text()).toContain("FB.login() called before FB.init()");

    const added = await addEmulatorWaba(w.url, "Popup business");
    const finished = await popupFinish([added.wabaId]);
    expect(finished.phone_number_id).toBe(added.phoneNumbers[0]!.id);
    const prep = await api("POST", "/v1/connection/prepare", ws.apiKey, { popup: true });
    const done = await api("POST", "/v1/connection/connect", ws.apiKey, {
      code: finished.code,
      state: prep.body.state,
      wabaId: finished.waba_id,
      phoneNumberId: finished.phone_number_id,
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: "connected", waba: { id: added.wabaId } });
    const numbers = (await api("GET", "/v1/phone-numbers", ws.apiKey)).body.data as {
      id: string;
      metaPhoneNumberId: string;
    }[];
    expect(done.body.onboardedPhoneNumberId).toBe(
      numbers.find((n) => n.metaPhoneNumberId === added.phoneNumbers[0]!.id)!.id,
    );
  });

  it("a popup code is refused through a redirect-flow state (Meta: redirect_uri mismatch), and nothing is stored", async () => {
    const ws = await newWorkspace("Popup mismatch");
    const added = await addEmulatorWaba(w.url, "Mismatch business");
    const finished = await popupFinish([added.wabaId]);
    const prep = await api("POST", "/v1/connection/prepare", ws.apiKey);
    const res = await api("POST", "/v1/connection/connect", ws.apiKey, { code: finished.code, state: prep.body.state });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("OAUTH_CODE_REJECTED");
    expect((await api("GET", "/v1/connection", ws.apiKey)).body.status).toBe("disconnected");
  });

  it("a WABA the token does not grant is refused before anything is stored", async () => {
    const ws = await newWorkspace("Popup wrong WABA");
    const added = await addEmulatorWaba(w.url, "Granted business");
    const finished = await popupFinish([added.wabaId]);
    const prep = await api("POST", "/v1/connection/prepare", ws.apiKey, { popup: true });
    const res = await api("POST", "/v1/connection/connect", ws.apiKey, {
      code: finished.code,
      state: prep.body.state,
      wabaId: SEED_WABA_ID,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("MISSING_PERMISSION");
    expect((await api("GET", "/v1/connection", ws.apiKey)).body.status).toBe("disconnected");
  });

  it("several WABAs and none named: the choice is listed, made once with the state, refused to others", async () => {
    const ws = await newWorkspace("Popup choice");
    const other = await newWorkspace("Popup choice thief");
    const a = await addEmulatorWaba(w.url, "Choice A");
    const b = await addEmulatorWaba(w.url, "Choice B");
    const finished = await popupFinish([a.wabaId, b.wabaId]);
    const prep = await api("POST", "/v1/connection/prepare", ws.apiKey, { popup: true });
    const state = prep.body.state as string;
    const first = await api("POST", "/v1/connection/connect", ws.apiKey, { code: finished.code, state });
    expect(first.status).toBe(409);
    expect(first.body.error.code).toBe("WABA_CHOICE_REQUIRED");
    expect(first.body.error.details.wabas).toEqual([
      { id: a.wabaId, name: "Choice A WABA" },
      { id: b.wabaId, name: "Choice B WABA" },
    ]);
    expect(JSON.stringify(first.body)).not.toMatch(/EAA[A-Za-z0-9]{10}/);
    expect((await api("GET", "/v1/connection", ws.apiKey)).body.status).toBe("disconnected");

    // Asking again lists them again; another workspace's key learns nothing.
    expect((await api("POST", "/v1/connection/connect", ws.apiKey, { state })).body.error.code).toBe(
      "WABA_CHOICE_REQUIRED",
    );
    const thief = await api("POST", "/v1/connection/connect", other.apiKey, { state, wabaId: b.wabaId });
    expect(thief.status).toBe(400);
    expect(thief.body.error.code).toBe("OAUTH_STATE_INVALID");
    const notOffered = await api("POST", "/v1/connection/connect", ws.apiKey, { state, wabaId: SEED_WABA_ID });
    expect(notOffered.body.error.code).toBe("MISSING_PERMISSION");

    const chosen = await api("POST", "/v1/connection/connect", ws.apiKey, { state, wabaId: b.wabaId });
    expect(chosen.status).toBe(200);
    expect(chosen.body).toMatchObject({ status: "connected", waba: { id: b.wabaId, name: "Choice B WABA" } });
    const again = await api("POST", "/v1/connection/connect", ws.apiKey, { state, wabaId: a.wabaId });
    expect(again.body.error.code).toBe("OAUTH_STATE_INVALID");
    expect((await api("GET", "/v1/connection", ws.apiKey)).body.waba.id).toBe(b.wabaId);
  });

  it("the popup page and its finish call refuse a wrong app or a missing configuration (Meta's errors)", async () => {
    const page = await fetch(`${w.url}/_meta/v23.0/dialog/embedded_signup?client_id=1&config_id=2&response_type=code`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('data-error-code="101"');
    const finish = await fetch(`${w.url}/_meta/v23.0/dialog/embedded_signup/finish`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_id: "1", config_id: "", waba_ids: [] }),
    });
    expect(finish.status).toBe(400);
  });
});
