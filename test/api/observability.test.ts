import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signWebhookBody } from "../../src/graph/index.js";
import { apiClient, eventually } from "../support/api-client.js";
import { connectAndActivate, type ConnectedNumbers } from "../support/connect.js";
import { samples, scrape, total } from "../support/prometheus.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";

let w: StartedWharf;
let api: ReturnType<typeof apiClient>;
let numbers: ConnectedNumbers;

beforeAll(async () => {
  w = await startWharf();
  api = apiClient(w.url, w.demo.apiKey);
  numbers = await connectAndActivate(w.url, w.demo.apiKey);
}, 60_000);
afterAll(() => w?.close());

const inbound = (from: string, text: string) =>
  api.emulator("POST", "/inbound", { phoneNumberId: numbers.verified.metaPhoneNumberId, from, text });

describe("/metrics: every series names the process's role", () => {
  it("`wharf start` reports role=start on its own series and the default ones", async () => {
    const all = await scrape(w.url);
    for (const name of ["wharf_http_request_duration_seconds_count", "wharf_process_cpu_seconds_total"]) {
      const found = samples(all, name);
      expect(found.length, name).toBeGreaterThan(0);
      expect(
        found.every((s) => s.labels.role === "start"),
        name,
      ).toBe(true);
    }
  });
});

describe("/metrics: the webhook fast path is counted like a routed request", () => {
  it("POST /webhooks/meta answered ahead of Fastify shows under its route, by status", async () => {
    const route = { method: "POST", route: "/webhooks/meta" };
    const before = await scrape(w.url);
    const body = JSON.stringify({ object: "whatsapp_business_account", entry: [] });
    const post = (signature: string) =>
      fetch(`${w.url}/webhooks/meta`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-hub-signature-256": signature },
        body,
      });
    expect((await post(signWebhookBody(body, w.wharf.sandbox!.metaApp.appSecret))).status).toBe(200);
    expect((await post(signWebhookBody(body, w.wharf.sandbox!.metaApp.appSecret))).status).toBe(200);
    expect((await post("sha256=00")).status).toBe(401);
    const after = await scrape(w.url);
    const count = (all: typeof after, status: string) =>
      total(all, "wharf_http_request_duration_seconds_count", { ...route, status });
    expect(count(after, "200") - count(before, "200")).toBe(2);
    expect(count(after, "401") - count(before, "401")).toBe(1);
  });
});

describe("/metrics: calls to Meta by endpoint and Meta's error code", () => {
  it("a send that Meta refuses with 131056 is counted under that code, and successes under ok", async () => {
    const customer = "15550701001";
    await inbound(customer, "hello");
    await eventually(
      async () => ((await api.call("GET", "/v1/conversations")).body.data?.length ?? 0) > 0,
      10_000,
      "inbound stored",
    );
    await api.emulator("POST", "/faults", {
      method: "POST",
      path: "/v23.0/*/messages",
      status: 400,
      code: 131056,
      count: 1,
    });
    const sent = await api.call("POST", "/v1/messages", {
      from: numbers.verified.id,
      to: `+${customer}`,
      type: "text",
      text: { body: "one" },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    const send = { method: "POST", endpoint: "{id}/messages" };
    const all = await eventually(
      async () => {
        const s = await scrape(w.url);
        return total(s, "wharf_meta_calls_total", { ...send, code: "131056" }) === 1 ? s : null;
      },
      10_000,
      "the 131056 counted",
    );
    // The connect flow's calls (debug_token, the WABA's numbers, register ...) succeeded.
    expect(total(all, "wharf_meta_calls_total", { code: "ok" })).toBeGreaterThan(0);
    expect(total(all, "wharf_meta_call_duration_seconds_count", send)).toBeGreaterThanOrEqual(1);
    // No id leaks into the endpoint label.
    expect(samples(all, "wharf_meta_calls_total").every((s) => !/\d/.test(s.labels.endpoint!))).toBe(true);
    // The message waits for its retry: the outbox holds it, not yet due, and its number has an owner.
    expect(total(all, "wharf_queue_pending", { queue: "outbox" })).toBe(1);
    expect(total(all, "wharf_leases", { lease: "dispatch" })).toBe(1);
  });
});

describe("/metrics: queue depths and lag of the four queues", () => {
  it("reports outbox, webhook_events, events_out and jobs, whichever role scrapes", async () => {
    const all = await scrape(w.url);
    for (const queue of ["outbox", "webhook_events", "events_out", "jobs"]) {
      expect(samples(all, "wharf_queue_pending", { queue }), queue).toHaveLength(1);
      expect(samples(all, "wharf_queue_due", { queue }), queue).toHaveLength(1);
      expect(samples(all, "wharf_queue_oldest_due_age_seconds", { queue }), queue).toHaveLength(1);
    }
    // The recurring jobs (purges, template sync, number health) each keep one row.
    expect(total(all, "wharf_queue_pending", { queue: "jobs" })).toBeGreaterThanOrEqual(3);
    expect(total(all, "wharf_probe_errors_total")).toBe(0);
  });
});

describe("/metrics: events-out deliveries by outcome", () => {
  it("a delivery the endpoint refuses counts as a retry and waits in the queue", async () => {
    const answers = [500];
    const receiver = http.createServer((req, res) => {
      req.resume().on("end", () => res.writeHead(answers.shift() ?? 200).end());
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
      const created = await api.call("POST", "/v1/webhook-endpoints", { url, events: ["message.received"] });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const before = await scrape(w.url);
      await inbound("15550701002", "events, please");
      const retried = await eventually(
        async () => {
          const s = await scrape(w.url);
          const d = (o: string) =>
            total(s, "wharf_events_out_deliveries_total", { outcome: o }) -
            total(before, "wharf_events_out_deliveries_total", { outcome: o });
          return d("retry") === 1 ? { s, delivered: d("delivered") } : null;
        },
        10_000,
        "the refused attempt counted",
      );
      expect(retried.delivered).toBe(0);
      // The retry is due in 5-10 s (deliveryBackoff); the queue shows it waiting meanwhile.
      expect(total(retried.s, "wharf_queue_pending", { queue: "events_out" })).toBe(1);
    } finally {
      receiver.close();
    }
  });
});
