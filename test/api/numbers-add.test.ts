import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { inboxHarness } from "./support/inbox-harness.js";
import type { Json } from "../support/json.js";

let w: StartedWharf;
const h = inboxHarness(() => w);

beforeAll(async () => {
  w = await startWharf();
  await h.connect(w.demo.apiKey);
}, 60_000);
afterAll(() => w?.close());

const otpOf = async (metaId: string) => {
  const st = await h.emulator("/state");
  for (const waba of st.wabas as Json[])
    for (const p of waba.phoneNumbers as Json[]) if (p.id === metaId) return p.verificationCode as string;
  return null;
};

describe("add and verify a number", () => {
  it("adds, requests and verifies the code, then registers with a PIN Wharf generated", async () => {
    const key = w.demo.apiKey;
    const added = await h.api("POST", "/v1/phone-numbers", key, {
      countryCode: "1",
      phoneNumber: "5550100001",
      displayName: "Harbor Bakery",
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({ kind: "add", state: "waiting", step: "request_code" });
    const id = added.body.phoneNumberId as string;
    const requested = await h.api("POST", `/v1/phone-numbers/${id}/request-code`, key, {
      method: "SMS",
      language: "en_US",
    });
    expect(requested.status, JSON.stringify(requested.body)).toBe(200);
    expect(requested.body).toMatchObject({ state: "waiting", step: "verify_code" });
    const code = await otpOf(added.body.metaPhoneNumberId as string);
    const verified = await h.api("POST", `/v1/phone-numbers/${id}/verify-code`, key, { code });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body).toMatchObject({ state: "completed", step: "done" });
    const numbers = (await h.api("GET", "/v1/phone-numbers", key)).body.data as Json[];
    expect(numbers.find((n) => n.id === id)).toMatchObject({ active: true, status: "CONNECTED" });
  });
});
