import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { inboxHarness } from "./support/inbox-harness.js";
import { numbersHarness } from "./support/numbers-harness.js";

let w: StartedWharf;
const n = numbersHarness(() => w);

beforeAll(async () => {
  w = await startWharf();
  await inboxHarness(() => w).connect(w.demo.apiKey);
}, 60_000);
afterAll(() => w?.close());

describe("add and verify: Meta's errors, each shown with what to do", () => {
  it("a display name Meta rejects (code 100 on verified_name) is DISPLAY_NAME_REJECTED; resuming with another name adds it", async () => {
    const r = await n.call("POST", "/v1/phone-numbers", {
      countryCode: "1",
      phoneNumber: "5550200001",
      displayName: "WhatsApp Deals",
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      state: "failed",
      step: "add",
      error: { code: "DISPLAY_NAME_REJECTED", metaCode: 100 },
    });
    expect(r.body.error.message).toMatch(/display name/i);
    const resumed = await n.call("POST", `/v1/phone-numbers/workflows/${r.body.id}/resume`, {
      displayName: "Harbor Deals",
    });
    expect(resumed.body).toMatchObject({ state: "waiting", step: "request_code", displayName: "Harbor Deals" });
  });

  it("a number another WABA holds (2388012) is PHONE_NUMBER_EXISTS, pointing to a migration", async () => {
    await n.emulator("POST", "/foreign-numbers", {
      countryCode: "1",
      phoneNumber: "5550200002",
      twoStepEnabled: false,
    });
    const r = await n.call("POST", "/v1/phone-numbers", {
      countryCode: "1",
      phoneNumber: "5550200002",
      displayName: "Harbor Two",
    });
    expect(r.body).toMatchObject({ state: "failed", error: { code: "PHONE_NUMBER_EXISTS", metaCode: 100 } });
    expect(r.body.error.message).toContain("migration");
  });

  it("a wrong code is VERIFICATION_CODE_INVALID (136025); after three, 136024 is VERIFICATION_TOO_MANY_ATTEMPTS", async () => {
    const { id } = await n.addUntilCode("5550200003");
    for (let i = 0; i < 3; i++) {
      const wrong = await n.call("POST", `/v1/phone-numbers/${id}/verify-code`, { code: "000000" });
      expect(wrong.status).toBe(422);
      expect(wrong.body.error.code).toBe("VERIFICATION_CODE_INVALID");
    }
    const locked = await n.call("POST", `/v1/phone-numbers/${id}/verify-code`, { code: "000000" });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe("VERIFICATION_TOO_MANY_ATTEMPTS");
    // The workflow stays at its step with the error and what to do.
    const wf = (await n.call("GET", `/v1/phone-numbers/${id}/workflow`)).body.workflow;
    expect(wf).toMatchObject({
      step: "verify_code",
      state: "waiting",
      error: { code: "VERIFICATION_TOO_MANY_ATTEMPTS" },
    });
  });

  it("more code requests than Meta allows in a day is 136024", async () => {
    const { id } = await n.addUntilCode("5550200004");
    let last = { status: 200, body: {} as Record<string, unknown> };
    for (let i = 0; i < 5 && last.status === 200; i++)
      last = await n.call("POST", `/v1/phone-numbers/${id}/request-code`, { method: "VOICE", language: "en_US" });
    expect(last.status).toBe(429);
    expect((last.body.error as { code: string }).code).toBe("VERIFICATION_TOO_MANY_ATTEMPTS");
  });

  it("verifying before a code was requested is refused locally at the right step", async () => {
    const added = await n.call("POST", "/v1/phone-numbers", {
      countryCode: "1",
      phoneNumber: "5550200005",
      displayName: "Harbor Five",
    });
    const r = await n.call("POST", `/v1/phone-numbers/${added.body.phoneNumberId}/verify-code`, { code: "123456" });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("WORKFLOW_STEP_INVALID");
    expect(r.body.error.message).toContain("request_code");
  });

  it("a two-step PIN Meta already holds (133005) fails the register step; with two-step off, resuming registers", async () => {
    const { id, metaId, workflowId } = await n.addUntilCode("5550200006");
    await n.emulator("PATCH", `/phone-numbers/${metaId}`, { twoStepEnabled: true });
    const verified = await n.call("POST", `/v1/phone-numbers/${id}/verify-code`, { code: await n.otp(metaId) });
    expect(verified.status).toBe(200);
    const failed = await n.settled(workflowId);
    expect(failed).toMatchObject({
      state: "failed",
      step: "register",
      error: { code: "TWO_STEP_PIN_MISMATCH", metaCode: 133005 },
    });
    expect(failed.error.message).toContain("Two-step verification");
    await n.emulator("PATCH", `/phone-numbers/${metaId}`, { twoStepEnabled: false });
    const resumed = await n.call("POST", `/v1/phone-numbers/workflows/${workflowId}/resume`, {});
    expect(resumed.body).toMatchObject({ state: "completed", step: "done" });
    // The PIN Meta now holds is the one Wharf generated; it never appears in an answer.
    expect((await n.emulatorNumber(metaId))?.pin).toMatch(/^\d{6}$/);
    expect(JSON.stringify(resumed.body)).not.toContain((await n.emulatorNumber(metaId))?.pin as string);
  });

  it("Meta's register limit (133016) fails the step with REGISTRATION_LIMIT_REACHED and when to retry", async () => {
    const { id, metaId, workflowId } = await n.addUntilCode("5550200007");
    await n.emulator("POST", "/faults", { path: `/*/${metaId}/register`, status: 400, code: 133016, count: 1 });
    await n.call("POST", `/v1/phone-numbers/${id}/verify-code`, { code: await n.otp(metaId) });
    const failed = await n.settled(workflowId);
    expect(failed).toMatchObject({
      state: "failed",
      step: "register",
      error: { code: "REGISTRATION_LIMIT_REACHED", metaCode: 133016, retryAfterSeconds: 72 * 3600 },
    });
  });
});

describe("migration from another provider", () => {
  it("two-step still on is refused at the add step with guidance; off, it completes with a new PIN and templates", async () => {
    const foreign = await n.emulator("POST", "/foreign-numbers", {
      countryCode: "1",
      phoneNumber: "5550300001",
      verifiedName: "Moved Bakery",
      twoStepEnabled: true,
    });
    const started = await n.call("POST", "/v1/phone-numbers/migrations", {
      countryCode: "1",
      phoneNumber: "5550300001",
      twoStepDisabledConfirmed: true,
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      kind: "migration",
      state: "failed",
      step: "add",
      error: { code: "TWO_STEP_STILL_ENABLED", metaCode: 100 },
    });
    expect(started.body.error.message).toMatch(/disable/i);
    const seen = await n.call("GET", `/v1/phone-numbers/migrations/${started.body.id}`);
    expect(seen.body).toMatchObject({ state: "failed", step: "add", error: { code: "TWO_STEP_STILL_ENABLED" } });

    await n.emulator("PATCH", `/phone-numbers/${foreign.id}`, { twoStepEnabled: false });
    const resumed = await n.call("POST", `/v1/phone-numbers/workflows/${started.body.id}/resume`, {
      twoStepDisabledConfirmed: true,
    });
    expect(resumed.body).toMatchObject({ state: "waiting", step: "request_code", displayName: null });
    const id = resumed.body.phoneNumberId as string;
    const metaId = resumed.body.metaPhoneNumberId as string;
    expect(metaId).not.toBe(foreign.id); // Meta gives the migrated number a new id
    await n.call("POST", `/v1/phone-numbers/${id}/request-code`, { method: "SMS", language: "en_US" });
    const verified = await n.call("POST", `/v1/phone-numbers/${id}/verify-code`, { code: await n.otp(metaId) });
    expect(verified.body).toMatchObject({ state: "waiting", step: "templates" });
    const pin = (await n.emulatorNumber(metaId))?.pin;
    expect(pin).toMatch(/^\d{6}$/);

    const done = await n.call("POST", `/v1/phone-numbers/migrations/${started.body.id}/templates`, {
      templates: [
        {
          name: "moved_order_update",
          language: "en_US",
          category: "UTILITY",
          components: [{ type: "BODY", text: "Order {{1}} is ready.", example: { body_text: [["A-1"]] } }],
        },
        { name: "Bad Name!", language: "en_US", category: "UTILITY", components: [] },
      ],
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.workflow).toMatchObject({ state: "completed", step: "done" });
    expect(done.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, false]);
    const numbers = (await n.call("GET", "/v1/phone-numbers")).body.data as Array<{ id: string; active: boolean }>;
    expect(numbers.find((x) => x.id === id)?.active).toBe(true);
  });

  it("a number at no other provider (2388091) is NUMBER_NOT_MIGRATABLE", async () => {
    const r = await n.call("POST", "/v1/phone-numbers/migrations", {
      countryCode: "1",
      phoneNumber: "5550300002",
      twoStepDisabledConfirmed: true,
    });
    expect(r.body).toMatchObject({ state: "failed", error: { code: "NUMBER_NOT_MIGRATABLE" } });
  });

  it("refuses to start without the confirmation that two-step is off", async () => {
    const r = await n.call("POST", "/v1/phone-numbers/migrations", { countryCode: "1", phoneNumber: "5550300003" });
    expect(r.status).toBe(400);
  });
});
