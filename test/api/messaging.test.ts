import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, eventually } from "../support/api-client.js";
import { connectAndActivate, type ConnectedNumbers } from "../support/connect.js";
import { approveInDialog } from "../support/meta-dialog.js";
import { createApprovedTemplate } from "../support/templates.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";

let w: StartedWharf;
let api: ReturnType<typeof apiClient>;
let numbers: ConnectedNumbers;
const TEMPLATE = "order_update";

beforeAll(async () => {
  w = await startWharf();
  api = apiClient(w.url, w.demo.apiKey);
  numbers = await connectAndActivate(w.url, w.demo.apiKey);
  // An approved UTILITY template with one body parameter.
  await createApprovedTemplate(api, {
    name: TEMPLATE,
    language: "en_US",
    category: "UTILITY",
    components: [{ type: "BODY", text: "Your order {{1}} is on its way.", example: { body_text: [["A-100"]] } }],
  });
}, 60_000);
afterAll(() => w?.close());

const refusals = async () => (await api.emulator("GET", "/state")).counts.refusals as Record<string, number>;
const campaign = async (id: string) => (await api.call("GET", `/v1/campaigns/${id}`)).body;

describe("sending (happy path)", () => {
  it("a customer writes, the window opens, and a text reply goes out and reaches read", async () => {
    const customer = "15550001001";
    await api.emulator("POST", "/inbound", {
      phoneNumberId: numbers.verified.metaPhoneNumberId,
      from: customer,
      text: "Hello?",
      name: "Ann",
    });
    const sent = await eventually(
      async () => {
        const r = await api.call("POST", "/v1/messages", {
          from: numbers.verified.id,
          to: `+${customer}`,
          type: "text",
          text: { body: "Hi Ann!" },
        });
        return r.status === 202 ? r : null;
      },
      10_000,
      "window open",
    );
    expect(sent.body).toMatchObject({ id: expect.stringMatching(/^msg_/), status: "queued" });
    const done = await eventually(
      async () => {
        const m = (await api.call("GET", `/v1/messages/${sent.body.id}`)).body;
        return m.status === "read" ? m : null;
      },
      10_000,
      "read",
    );
    expect(done.wamid).toMatch(/^wamid\./);
    const order = done.events
      .map((e: { status: string }) => e.status)
      .filter((s: string) => ["sent", "delivered", "read"].includes(s));
    expect(order).toEqual(["sent", "delivered", "read"]);
    // The dispatcher's own step, written with the rest of its batch.
    expect(done.events.map((e: { status: string }) => e.status)).toContain("sending");
    const atMeta = (await api.emulator("GET", `/messages?phoneNumberId=${numbers.verified.metaPhoneNumberId}`)).data;
    expect(atMeta.some((m: { wamid: string }) => m.wamid === done.wamid)).toBe(true);
  });

  it("the same Idempotency-Key and body give the same message; another body is a 409", async () => {
    const body = {
      from: numbers.verified.id,
      to: "+15550001002",
      type: "template",
      template: { name: TEMPLATE, language: "en_US", parameters: ["A-1"] },
    };
    const a = await api.call("POST", "/v1/messages", body, { "idempotency-key": "key-1" });
    const b = await api.call("POST", "/v1/messages", body, { "idempotency-key": "key-1" });
    expect(a.status).toBe(202);
    expect(b.body.id).toBe(a.body.id);
    const c = await api.call("POST", "/v1/messages", { ...body, to: "+15550001003" }, { "idempotency-key": "key-1" });
    expect(c.status).toBe(409);
    expect(c.body.error.code).toBe("IDEMPOTENCY_CONFLICT");
  });
});

describe("send rules (refused before Meta sees them)", () => {
  it("free-form outside the 24-hour window is WINDOW_CLOSED and never reaches the emulator", async () => {
    const before = (await api.emulator("GET", "/messages")).data.length;
    const r = await api.call("POST", "/v1/messages", {
      from: numbers.verified.id,
      to: "+15550002001",
      type: "text",
      text: { body: "unsolicited" },
    });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("WINDOW_CLOSED");
    expect(r.body.error.message).toContain("template");
    expect((await api.emulator("GET", "/messages")).data.length).toBe(before);
  });

  it("a wrong parameter count, an unknown template, a bad recipient and a bad body are refused with the field named", async () => {
    const wrong = await api.call("POST", "/v1/messages", {
      from: numbers.verified.id,
      to: "+15550002002",
      type: "template",
      template: { name: TEMPLATE, language: "en_US", parameters: [] },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe("TEMPLATE_PARAMETERS_MISMATCH");
    const unknown = await api.call("POST", "/v1/messages", {
      from: numbers.verified.id,
      to: "+15550002002",
      type: "template",
      template: { name: "no_such_template", language: "en_US" },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.message).toContain("no_such_template");
    const badTo = await api.call("POST", "/v1/messages", {
      from: numbers.verified.id,
      to: "12",
      type: "text",
      text: { body: "x" },
    });
    expect(badTo.status).toBe(400);
    expect(badTo.body.error.details[0].field).toBe("to");
    const badBody = await api.call("POST", "/v1/messages", {
      from: numbers.verified.id,
      to: "+15550002002",
      type: "text",
      text: { bdy: "x" },
    });
    expect(badBody.status).toBe(400);
    expect(badBody.body.error.code).toBe("VALIDATION_FAILED");
  });
});

describe("campaigns", () => {
  it("500 recipients: read for the reachable, failed with Meta's code for the unreachable; counts exact; throughput never exceeded", async () => {
    const recipients = Array.from({ length: 500 }, (_, i) => ({
      to: `+1555300${String(i).padStart(4, "0")}`,
      parameters: [`A-${i}`],
    }));
    // The emulator models numbers ending in 9999 as unreachable (131026): make 5 of them.
    for (let i = 0; i < 5; i++) recipients[i * 100]!.to = `+155531${i}9999`;
    const created = await api.call("POST", "/v1/campaigns", {
      name: "Launch",
      from: numbers.verified.id,
      template: { name: TEMPLATE, language: "en_US" },
      recipients,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const final = await eventually(
      async () => {
        const c = await campaign(created.body.id);
        return c.counts.read + c.counts.failed === 500 ? c : null;
      },
      60_000,
      "campaign settled",
    );
    expect(final.counts).toMatchObject({ total: 500, read: 495, failed: 5, skipped: 0, queued: 0 });
    const failed = (await api.call("GET", `/v1/messages?status=failed&campaignId=${created.body.id}&limit=200`)).body
      .data;
    expect(failed).toHaveLength(5);
    for (const m of failed) expect(m.error.metaCode).toBe(131026);
    expect((await refusals())["130429"] ?? 0).toBe(0);
  }, 90_000);

  it("a token revoked mid-campaign pauses it as needs_reconnect with nothing failed; after reconnect it completes", async () => {
    const recipients = Array.from({ length: 300 }, (_, i) => ({
      to: `+1555500${String(i).padStart(4, "0")}`,
      parameters: [`C-${i}`],
    }));
    const created = await api.call("POST", "/v1/campaigns", {
      name: "Lapse",
      from: numbers.verified.id,
      template: { name: TEMPLATE, language: "en_US" },
      recipients,
    });
    await eventually(async () => (await campaign(created.body.id)).counts.read > 20, 20_000, "some sent");
    await api.emulator("POST", "/tokens/revoke", {});
    const paused = await eventually(
      async () => {
        const c = await campaign(created.body.id);
        return c.status === "needs_reconnect" ? c : null;
      },
      20_000,
      "needs_reconnect",
    );
    expect(paused.counts.failed).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect((await campaign(created.body.id)).counts.failed).toBe(0);
    // Reconnect through the same flow.
    const prep = await api.call("POST", "/v1/connection/prepare");
    const { code, state } = await approveInDialog(prep.body.authorizationUrl);
    expect((await api.call("POST", "/v1/connection/connect", { code, state })).body.status).toBe("connected");
    const final = await eventually(
      async () => {
        const c = await campaign(created.body.id);
        return c.counts.read === 300 ? c : null;
      },
      60_000,
      "campaign completed",
    );
    expect(final.counts.failed).toBe(0);
    expect(final.status).toBe("completed");
  }, 120_000);
});

describe("security", () => {
  it("another workspace cannot read this workspace's messages or campaigns (404)", async () => {
    const other = (await apiClient(w.url, w.adminToken).call("POST", "/v1/workspaces", { name: "Other" })).body;
    const mine = (await api.call("GET", "/v1/messages?limit=1")).body.data[0];
    const theirs = apiClient(w.url, other.apiKey);
    expect((await theirs.call("GET", `/v1/messages/${mine.id}`)).status).toBe(404);
    expect((await theirs.call("GET", "/v1/messages")).body.data).toEqual([]);
    const list = (await api.call("GET", "/v1/campaigns")).body.data;
    expect((await theirs.call("GET", `/v1/campaigns/${list[0].id}`)).status).toBe(404);
    expect((await theirs.call("POST", `/v1/campaigns/${list[0].id}/cancel`)).status).toBe(404);
  });
});
