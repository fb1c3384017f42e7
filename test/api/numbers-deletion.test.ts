import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { newId } from "../../src/platform/crypto/index.js";
import { insertMessages, newMessageRow } from "../../src/modules/messages/messages.repo.js";
import { eventually } from "../support/api-client.js";
import { connectAndActivate, type ConnectedNumbers } from "../support/connect.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { numbersHarness } from "./support/numbers-harness.js";

let w: StartedWharf;
let numbers: ConnectedNumbers;
const n = numbersHarness(() => w);

beforeAll(async () => {
  w = await startWharf();
  numbers = await connectAndActivate(w.url, w.demo.apiKey);
}, 60_000);
afterAll(() => w?.close());

describe("deletion of a number", () => {
  it("a busy number (over 1,000 sent in 30 days) is refused with every check shown", async () => {
    const now = Date.now();
    const rows = Array.from({ length: 1001 }, (_, i) =>
      newMessageRow({
        id: newId("msg", now - i),
        workspace_id: w.demo.workspaceId,
        direction: "outbound",
        phone_number_id: numbers.verified.id,
        wa_id: `1555090${String(i).padStart(4, "0")}`,
        type: "text",
        content: JSON.stringify({ body: "hi" }),
        status: "delivered",
        status_rank: 2,
        wamid: `wamid.busy${i}`,
        created_at: now - i * 60_000,
      }),
    );
    await insertMessages(w.wharf.database.db, rows);
    const checks = await n.call("GET", `/v1/phone-numbers/${numbers.verified.id}/deletion`);
    expect(checks.body).toMatchObject({ state: "none" });
    expect(checks.body.checks.find((c: { check: string }) => c.check === "messages_last_30_days").ok).toBe(false);
    const r = await n.call("POST", `/v1/phone-numbers/${numbers.verified.id}/deletion`, { duesSettled: true });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("DELETION_NOT_ALLOWED");
    expect(r.body.error.message).toContain("1001 messages");
    // Nothing changed: the number still sends.
    expect((await n.call("GET", `/v1/phone-numbers/${numbers.verified.id}/health`)).body.paused).toBe(false);
  });

  it("unsettled dues are refused too", async () => {
    const r = await n.call("POST", `/v1/phone-numbers/${numbers.unverified.id}/deletion`, {});
    expect(r.status).toBe(409);
    expect(r.body.error.details.checks.find((c: { check: string }) => c.check === "dues_settled").ok).toBe(false);
  });

  it("a quiet number is paused at once, can be cancelled, then is deregistered and deleted on the date, and added again", async () => {
    const id = numbers.unverified.id;
    const meta = numbers.unverified.metaPhoneNumberId;
    const later = new Date(Date.now() + 3600_000).toISOString();
    const scheduled = await n.call("POST", `/v1/phone-numbers/${id}/deletion`, {
      duesSettled: true,
      scheduledFor: later,
    });
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(200);
    expect(scheduled.body).toMatchObject({ state: "scheduled", scheduledFor: later });
    const paused = (await n.call("GET", `/v1/phone-numbers/${id}/health`)).body;
    expect(paused).toMatchObject({ paused: true, canSend: false, lifecycle: "deletion_scheduled" });
    // While the deletion is scheduled, what customers write is stored but reaches no inbox.
    const customer = "15550808001";
    await n.emulator("POST", "/inbound", { phoneNumberId: meta, from: customer, text: "still there?" });
    await eventually(
      async () => {
        const rows = await sql<{ n: number | string }>`select count(*) as n from messages
          where phone_number_id = ${id} and wa_id = ${customer} and direction = 'inbound'`.execute(w.wharf.database.db);
        return Number(rows.rows[0]?.n) === 1 ? true : null;
      },
      10_000,
      "inbound stored",
    );
    const conversations = await n.call("GET", `/v1/conversations?waId=${customer}`);
    expect(conversations.body.data).toEqual([]);
    const cancelled = await n.call("DELETE", `/v1/phone-numbers/${id}/deletion`);
    expect(cancelled.body.state).toBe("cancelled");
    expect((await n.call("GET", `/v1/phone-numbers/${id}/health`)).body.paused).toBe(false);
    expect((await n.call("DELETE", `/v1/phone-numbers/${id}/deletion`)).status).toBe(409);

    const soon = new Date(Date.now() + 1500).toISOString();
    const again = await n.call("POST", `/v1/phone-numbers/${id}/deletion`, { duesSettled: true, scheduledFor: soon });
    expect(again.body.state).toBe("scheduled");
    const deleted = await eventually(
      async () => {
        const d = (await n.call("GET", `/v1/phone-numbers/${id}/deletion`)).body;
        return d.state === "deleted" ? d : null;
      },
      20_000,
      "deleted on the date",
    );
    expect(deleted.workflowId).toBe(again.body.workflowId);
    expect((await n.emulatorNumber(meta))?.registered).toBe(false);
    const list = (await n.call("GET", "/v1/phone-numbers")).body.data as Array<{ id: string; active: boolean }>;
    expect(list.find((x) => x.id === id)?.active).toBe(false);

    // Re-usable afterwards: adding it again takes the same number through verification.
    const digits = (await n.emulatorNumber(meta))?.displayPhoneNumber.replace(/\D/g, "") as string;
    const readded = await n.call("POST", "/v1/phone-numbers", {
      countryCode: "1",
      phoneNumber: digits.slice(1),
      displayName: "Jasper's Corner",
    });
    expect(readded.status, JSON.stringify(readded.body)).toBe(201);
    expect(readded.body).toMatchObject({ phoneNumberId: id });
    expect(["request_code", "register", "done"]).toContain(readded.body.step);
    expect((await n.call("GET", `/v1/phone-numbers/${id}/health`)).body.lifecycle).toBeNull();
  });
});

describe("deregister", () => {
  it("counts register and deregister calls and refuses the eleventh in 72 hours locally, before Meta sees it", async () => {
    const id = numbers.verified.id;
    const meta = numbers.verified.metaPhoneNumberId;
    // connectAndActivate registered it once.
    for (let i = 0; i < 9; i++) {
      const r = await n.call("POST", `/v1/phone-numbers/${id}/deregister`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toMatchObject({ active: false });
    }
    const refused = await n.call("POST", `/v1/phone-numbers/${id}/deregister`);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("REGISTRATION_LIMIT_REACHED");
    expect(refused.body.error.message).toContain("72 hours");
    expect((await n.emulatorNumber(meta))?.registrationCalls).toBe(10);
  });
});
