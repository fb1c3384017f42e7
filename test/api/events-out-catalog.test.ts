import http from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiClient, eventually } from "../support/api-client.js";
import { connectAndActivate, type ConnectedNumbers } from "../support/connect.js";
import { describeEachDialect } from "../support/databases.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import type { Json } from "../support/json.js";

// Events recorded outside the webhook processor (dispatch, campaigns, templates) reach the
// workspace's endpoints, and subscriptions are checked against the event catalog.
describeEachDialect("events out: every module's events reach the endpoints", (dialect) => {
  let w: StartedWharf;
  let api: ReturnType<typeof apiClient>;
  let numbers: ConnectedNumbers;
  let receiver: http.Server;
  let receiverUrl: string;
  const received: Array<{ path: string; event: Json }> = [];
  const TEMPLATE = "events_out_update";

  beforeAll(async () => {
    w = await startWharf({ dialect });
    api = apiClient(w.url, w.demo.apiKey);
    numbers = await connectAndActivate(w.url, w.demo.apiKey);
    receiver = http.createServer((req, res) => {
      let body = "";
      req
        .on("data", (c) => (body += c))
        .on("end", () => {
          received.push({ path: req.url!, event: JSON.parse(body) });
          res.writeHead(200).end();
        });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
    const ep = await api.call("POST", "/v1/webhook-endpoints", { url: `${receiverUrl}/all`, events: ["*"] });
    expect(ep.status, JSON.stringify(ep.body)).toBe(201);
  }, 60_000);
  afterAll(async () => {
    receiver?.close();
    await w?.close();
  });

  const arrived = (type: string, match: (data: Json) => boolean) =>
    eventually(
      async () => received.find((r) => r.event.type === type && match(r.event.data)) ?? null,
      10_000,
      `${type} delivered`,
    );

  it("a subscription to an unknown type is refused with the list of known ones; catalog types are accepted", async () => {
    const bad = await api.call("POST", "/v1/webhook-endpoints", {
      url: `${receiverUrl}/bad`,
      events: ["message.received", "template.status_changed"],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    expect(bad.body.error.message).toContain("campaign.status");
    expect(bad.body.error.message).toContain("message.received");
    const ok = await api.call("POST", "/v1/webhook-endpoints", {
      url: `${receiverUrl}/some`,
      events: ["campaign.status", "template.status"],
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });

  it("Meta's review decision reaches the endpoint as template.status, with Wharf's template id", async () => {
    const created = await api.call("POST", "/v1/templates", {
      name: TEMPLATE,
      language: "en_US",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Your order {{1}} is on its way.", example: { body_text: [["A-100"]] } }],
    });
    expect(created.status, JSON.stringify(created.body)).toBeLessThan(300);
    const tpl = (await api.emulator("GET", "/state")).templates.find((t: { name: string }) => t.name === TEMPLATE);
    await api.emulator("POST", `/templates/${tpl.id}/review`, { status: "APPROVED" });
    const event = await arrived("template.status", (d) => d.name === TEMPLATE && d.status === "APPROVED");
    expect(event.event.id).toMatch(/^evt_/);
    expect(event.event.data).toMatchObject({
      id: created.body.id,
      wabaId: expect.any(String),
      metaTemplateId: String(tpl.id),
      language: "en_US",
      event: "APPROVED",
    });
    expect(received.some((r) => r.event.type === "template.status_changed")).toBe(false);
  });

  it("a send that Meta refuses at dispatch reaches the endpoint as a failed message.status", async () => {
    const customer = "15550401001";
    await api.emulator("POST", "/inbound", {
      phoneNumberId: numbers.verified.metaPhoneNumberId,
      from: customer,
      text: "Hi",
    });
    await eventually(
      async () => (await api.call("GET", "/v1/conversations")).body.data?.length > 0 || null,
      10_000,
      "inbound stored",
    );
    await api.emulator("POST", "/faults", {
      method: "POST",
      path: "/v23.0/*/messages",
      status: 400,
      code: 100,
      message: "Invalid parameter",
      count: 1,
    });
    const sent = await api.call("POST", "/v1/messages", {
      from: numbers.verified.id,
      to: `+${customer}`,
      type: "text",
      text: { body: "refused" },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    const event = await arrived("message.status", (d) => d.messageId === sent.body.id && d.status === "failed");
    expect(event.event.data).toMatchObject({ wamid: null, campaignId: null, error: { metaCode: 100 } });
  });

  it("pausing, resuming and cancelling a campaign reach the endpoint as campaign.status", async () => {
    await eventually(
      async () =>
        (await api.call("GET", "/v1/templates")).body.data.find(
          (t: Json) => t.name === TEMPLATE && t.status === "APPROVED",
        ),
      10_000,
      "template approved",
    );
    const scheduledAt = new Date(Date.now() + 3_600_000).toISOString();
    const created = await api.call("POST", "/v1/campaigns", {
      name: "Later",
      from: numbers.verified.id,
      template: { name: TEMPLATE, language: "en_US" },
      scheduledAt,
      recipients: [{ to: "+15550401002", parameters: ["A-1"] }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    expect((await api.call("POST", `/v1/campaigns/${id}/pause`)).status).toBeLessThan(300);
    expect((await arrived("campaign.status", (d) => d.id === id && d.status === "paused")).event.data.previous).toBe(
      "scheduled",
    );
    // Its start time is still ahead: resuming makes it scheduled again.
    expect((await api.call("POST", `/v1/campaigns/${id}/resume`)).status).toBeLessThan(300);
    expect((await arrived("campaign.status", (d) => d.id === id && d.status === "scheduled")).event.data.previous).toBe(
      "paused",
    );
    expect((await api.call("POST", `/v1/campaigns/${id}/cancel`)).status).toBeLessThan(300);
    expect((await arrived("campaign.status", (d) => d.id === id && d.status === "cancelled")).event.data.previous).toBe(
      "scheduled",
    );
    const some = await eventually(
      async () => {
        const got = received.filter((r) => r.path === "/some" && r.event.data.id === id);
        return got.length === 3 ? got : null;
      },
      10_000,
      "three campaign events at the subscribed endpoint",
    );
    expect(some.map((r) => r.event.data.status).sort()).toEqual(["cancelled", "paused", "scheduled"]);
    // A refused transition changes nothing and records nothing.
    expect((await api.call("POST", `/v1/campaigns/${id}/pause`)).status).toBe(409);
  });

  it("a campaign that runs to its end is completed when its last message settles, with no one reading it", async () => {
    // The template was approved by the tests above; nothing below reads the campaign, whose view used to complete it.
    const created = await api.call("POST", "/v1/campaigns", {
      name: "To the end",
      from: numbers.verified.id,
      template: { name: TEMPLATE, language: "en_US" },
      recipients: ["+15550401011", "+15550401012", "+15550401013"].map((to, i) => ({ to, parameters: [`B-${i}`] })),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const done = await arrived("campaign.status", (d) => d.id === id && d.status === "completed");
    expect(done.event.data.previous).toBe("running");
    await new Promise((r) => setTimeout(r, 300));
    const completions = received.filter(
      (r) =>
        r.path === "/all" &&
        r.event.type === "campaign.status" &&
        r.event.data.id === id &&
        r.event.data.status === "completed",
    );
    expect(completions).toHaveLength(1);
    // Completion comes when the last message left the outbox (handed to Meta, status `sending`);
    // the view counts `sending` as queued until Meta's `sent` webhook is processed, which may come
    // a little later (webhook processing gathers for up to 200 ms).
    const c = await eventually(
      async () => {
        const r = await api.call("GET", `/v1/campaigns/${id}`);
        return r.body.counts.queued === 0 ? r : null;
      },
      15_000,
      "every recipient's message sent",
    );
    expect(c.body.status).toBe("completed");
    expect(c.body.counts.total).toBe(3);
  });
});
