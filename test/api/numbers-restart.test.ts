import { afterAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { eventually } from "../support/api-client.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { inboxHarness } from "./support/inbox-harness.js";
import { numbersHarness } from "./support/numbers-harness.js";

// Issue 19 acceptance 2: a workflow resumes after the app restarts (same data folder) in the middle
// of each step. A step "in the middle" is a Meta call made slow by the emulator and cut off by the
// restart: Wharf never saw its answer, whether or not Meta (the emulator) acted on it.
let w: StartedWharf;
/** No readiness drain on stop: these tests stop the app on purpose, mid-request. */
const FAST_STOP = { WHARF_SHUTDOWN_DRAIN_MS: "0" };
const n = numbersHarness(() => w);
afterAll(() => w?.close());

async function restart(): Promise<void> {
  await w.close({ keep: true });
  w = await startWharf({ restartOf: w, env: FAST_STOP });
}

/** Starts a request whose Meta call is slowed down, lets it reach Meta, then restarts the app under it. */
async function restartDuring(path: string, request: () => Promise<unknown>): Promise<void> {
  await n.emulator("POST", "/faults", { method: "POST", path, latencyMs: 2_500, count: 1 });
  const inFlight = request().catch(() => undefined);
  await new Promise((r) => setTimeout(r, 700));
  await restart();
  await inFlight;
}

async function workflowOf(digits: string): Promise<string> {
  const rows = await sql<{ id: string }>`select id from number_workflows where phone_number = ${digits}`.execute(
    w.wharf.database.db,
  );
  return rows.rows[0]!.id;
}

describe("numbers: workflows resume after a restart in the middle of each step", () => {
  it("add: add, request_code, verify_code and register each cut off by a restart, then completed", async () => {
    w = await startWharf({ env: FAST_STOP });
    const ids = await inboxHarness(() => w).connect(w.demo.apiKey);

    // add: the job's POST /{waba}/phone_numbers is in flight when the app stops.
    await restartDuring(`/*/${ids.wabaId}/phone_numbers`, () =>
      n.call("POST", "/v1/phone-numbers", { countryCode: "1", phoneNumber: "5550400001", displayName: "Quay Cafe" }),
    );
    const wfId = await workflowOf("5550400001");
    const added = await n.settled(wfId, 30_000);
    expect(added).toMatchObject({ state: "waiting", step: "request_code" });
    const { phoneNumberId: id, metaPhoneNumberId: metaId } = added as {
      phoneNumberId: string;
      metaPhoneNumberId: string;
    };
    // Meta holds the number once, however many times the step ran.
    const st = await n.emulator("GET", "/state");
    const copies = (st.wabas as Array<{ phoneNumbers: Array<{ displayPhoneNumber: string }> }>)
      .flatMap((x) => x.phoneNumbers)
      .filter((p) => p.displayPhoneNumber.replace(/\D/g, "") === "15550400001");
    expect(copies).toHaveLength(1);

    // request_code: cut off; the workflow is still at request_code and asking again moves it on.
    await restartDuring(`/*/${metaId}/request_code`, () =>
      n.call("POST", `/v1/phone-numbers/${id}/request-code`, { method: "SMS", language: "en_US" }),
    );
    expect(["request_code", "verify_code"]).toContain((await n.workflow(wfId)).step);
    const requested = await n.call("POST", `/v1/phone-numbers/${id}/request-code`, {
      method: "SMS",
      language: "en_US",
    });
    expect(requested.body).toMatchObject({ step: "verify_code" });

    // verify_code and register: the app stops while verify_code is at Meta; a stop lets requests in
    // flight finish, so the route may still move the workflow to register, whose job's register call
    // (slowed too) is then cut off and run again after the restart with the PIN stored before the
    // first try. If the route did not get that far, entering the code again goes on from there.
    const code = await n.otp(metaId);
    await n.emulator("POST", "/faults", { method: "POST", path: `/*/${metaId}/register`, latencyMs: 4_000, count: 1 });
    await restartDuring(`/*/${metaId}/verify_code`, () =>
      n.call("POST", `/v1/phone-numbers/${id}/verify-code`, { code }),
    );
    const afterVerify = await n.workflow(wfId);
    expect(["verify_code", "register", "done"]).toContain(afterVerify.step);
    if (afterVerify.step === "verify_code") {
      const again = await n.call("POST", `/v1/phone-numbers/${id}/verify-code`, { code });
      expect(again.status, JSON.stringify(again.body)).toBe(200);
    }
    const done = await n.settled(wfId, 30_000);
    expect(done).toMatchObject({ state: "completed", step: "done" });
    const numbers = (await n.call("GET", "/v1/phone-numbers")).body.data as Array<{ id: string; active: boolean }>;
    expect(numbers.find((x) => x.id === id)?.active).toBe(true);
  }, 240_000);

  it("migration: set_pin cut off by a restart, templates after one; deletion's deregister cut off by one", async () => {
    await w?.close();
    w = await startWharf({ env: FAST_STOP });
    await inboxHarness(() => w).connect(w.demo.apiKey);
    await n.emulator("POST", "/foreign-numbers", {
      countryCode: "1",
      phoneNumber: "5550400002",
      twoStepEnabled: false,
    });
    const started = await n.call("POST", "/v1/phone-numbers/migrations", {
      countryCode: "1",
      phoneNumber: "5550400002",
      twoStepDisabledConfirmed: true,
    });
    expect(started.body).toMatchObject({ step: "request_code" });
    const wfId = started.body.id as string;
    const id = started.body.phoneNumberId as string;
    const metaId = started.body.metaPhoneNumberId as string;
    await n.call("POST", `/v1/phone-numbers/${id}/request-code`, { method: "SMS", language: "en_US" });
    // set_pin: POST /{phone-number-id} with the new PIN is in flight when the app stops.
    await n.emulator("POST", "/faults", { method: "POST", path: `/*/${metaId}`, latencyMs: 2_500, count: 1 });
    const code = await n.otp(metaId);
    const inFlight = n.call("POST", `/v1/phone-numbers/${id}/verify-code`, { code }).catch(() => undefined);
    // The fault is used up once the set_pin call reaches Meta (and hangs there): restart under it.
    await eventually(
      async () => ((await n.emulator("GET", "/faults")).data.length === 0 ? true : null),
      60_000,
      "the set_pin call at Meta",
    );
    await restart();
    await inFlight;
    const atTemplates = await n.settled(wfId, 30_000);
    expect(atTemplates).toMatchObject({ state: "waiting", step: "templates" });
    expect((await n.emulatorNumber(metaId))?.pin).toMatch(/^\d{6}$/);

    // templates: waiting for the business across a restart.
    await restart();
    const done = await n.call("POST", `/v1/phone-numbers/migrations/${wfId}/templates`, { skip: true });
    expect(done.body.workflow).toMatchObject({ state: "completed", step: "done" });

    // deletion: scheduled, then the deregister call on the date is in flight when the app stops.
    await n.emulator("POST", "/faults", {
      method: "POST",
      path: `/*/${metaId}/deregister`,
      latencyMs: 2_500,
      count: 1,
    });
    const soon = new Date(Date.now() + 500).toISOString();
    const scheduled = await n.call("POST", `/v1/phone-numbers/${id}/deletion`, {
      duesSettled: true,
      scheduledFor: soon,
    });
    expect(scheduled.body.state).toBe("scheduled");
    await eventually(
      async () => ((await n.call("GET", `/v1/phone-numbers/${id}/deletion`)).body.state === "deleting" ? true : null),
      15_000,
      "deregistering",
    );
    await restart();
    const deleted = await eventually(
      async () => {
        const d = (await n.call("GET", `/v1/phone-numbers/${id}/deletion`)).body;
        return d.state === "deleted" ? d : null;
      },
      30_000,
      "deleted after the restart",
    );
    expect(deleted.workflowId).toBe(scheduled.body.workflowId);
    expect((await n.emulatorNumber(metaId))?.registered).toBe(false);
  }, 240_000);
});
