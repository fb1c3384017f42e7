import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SEED_IDS, startHarness, V, type Harness } from "./support/harness.js";
import type { Json } from "../support/json.js";

let h: Harness;
let token: string;
const waba = `/${V}/${SEED_IDS.wabaId}`;

beforeAll(async () => {
  h = await startHarness();
});
beforeEach(async () => {
  await h.control("POST", "/reset");
  token = await h.login();
});
afterAll(() => h.close());

describe("fault injection", () => {
  it("fails matching calls count times with Meta's envelope, then lets them through", async () => {
    const fault = await h.control("POST", "/faults", { method: "GET", path: `/${V}/*`, status: 503, count: 2 });
    expect(fault.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await h.call("GET", waba, { token });
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({ code: 2, type: "OAuthException", is_transient: true });
      expect(res.headers.get("x-fb-trace-id")).toBe(res.body.error.fbtrace_id);
    }
    expect((await h.call("GET", waba, { token })).status).toBe(200);
  });

  it("uses the given Meta code, matches method and path, and defaults to one use", async () => {
    await h.control("POST", "/faults", {
      method: "POST",
      path: "/**/messages",
      status: 400,
      code: 131000,
      message: "(#131000) Something went wrong",
    });
    expect((await h.call("GET", waba, { token })).status).toBe(200);
    const hit = await h.call("POST", `/${V}/${SEED_IDS.verifiedPhoneNumberId}/messages`, { token, json: {} });
    expect(hit.status).toBe(400);
    expect(hit.body.error).toMatchObject({ code: 131000, message: "(#131000) Something went wrong" });
    const after = await h.call("POST", `/${V}/${SEED_IDS.verifiedPhoneNumberId}/messages`, { token, json: {} });
    expect(after.body.error.code).not.toBe(131000);
  });

  it("adds latency without failing, and never touches the control API", async () => {
    await h.control("POST", "/faults", { latencyMs: 150 });
    const started = Date.now();
    expect((await h.call("GET", waba, { token })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    const controlStarted = Date.now();
    await h.control("GET", "/state");
    expect(Date.now() - controlStarted).toBeLessThan(140);
    expect((await h.control("GET", "/faults")).body.data).toHaveLength(1);
    await h.control("DELETE", "/faults");
    expect((await h.control("GET", "/faults")).body.data).toHaveLength(0);
  });

  // Graph "Rate Limiting": business-use-case calls carry x-business-use-case-usage keyed by the
  // business (here the WABA), and a throttle (80007, 80008: platform-facts.md) says in
  // estimated_time_to_regain_access how many minutes to wait.
  it("sends the usage header on WABA calls, and throws 80007/80008 with the wait when a fault asks", async () => {
    const ok = await h.call("GET", waba, { token });
    const usage = JSON.parse(ok.headers.get("x-business-use-case-usage")!);
    expect(usage[SEED_IDS.wabaId][0]).toMatchObject({
      type: "whatsapp_business_management",
      call_count: expect.any(Number),
      estimated_time_to_regain_access: 0,
    });
    for (const code of [80007, 80008]) {
      await h.control("POST", "/faults", {
        method: "POST",
        path: "/**/messages",
        status: 400,
        code,
        regainAccessMinutes: 3,
      });
      const hit = await h.call("POST", `/${V}/${SEED_IDS.verifiedPhoneNumberId}/messages`, { token, json: {} });
      expect(hit.status).toBe(400);
      expect(hit.body.error).toMatchObject({ code, type: "OAuthException" });
      const throttled = JSON.parse(hit.headers.get("x-business-use-case-usage")!);
      expect(throttled[SEED_IDS.wabaId][0]).toMatchObject({ call_count: 100, estimated_time_to_regain_access: 3 });
    }
    // A send answered normally carries no usage header (throughput governs sends).
    const send = await h.call("POST", `/${V}/${SEED_IDS.verifiedPhoneNumberId}/messages`, { token, json: {} });
    expect(send.headers.get("x-business-use-case-usage")).toBeNull();
  });

  it("refuses a fault that does nothing", async () => {
    const res = await h.control("POST", "/faults", { path: "/x" });
    expect(res.status).toBe(400);
  });
});

describe("reset", () => {
  it("returns to the seeded world: tokens, templates and faults are gone", async () => {
    await h.call("POST", `/${V}/${SEED_IDS.wabaId}/message_templates`, {
      token,
      json: {
        name: "gone_soon",
        language: "en_US",
        category: "UTILITY",
        components: [{ type: "BODY", text: "Hello" }],
      },
    });
    await h.control("POST", "/faults", { latencyMs: 1 });
    await h.control("POST", "/reset");
    const state = (await h.control("GET", "/state")).body;
    expect(state.templates).toEqual([]);
    expect(state.tokens).toEqual([]);
    expect(state.faults).toEqual([]);
    expect(state.wabas[0].phoneNumbers.map((p: Json) => [p.id, p.pin, p.registered])).toEqual([
      [SEED_IDS.verifiedPhoneNumberId, "123456", false],
      [SEED_IDS.unverifiedPhoneNumberId, "654321", false],
    ]);
    expect((await h.call("GET", waba, { token })).body.error.code).toBe(190);
  });
});
