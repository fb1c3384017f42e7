import http from "node:http";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyDeliverySignature } from "../../src/modules/events-out/index.js";
import { asWorkspaceId } from "../../src/platform/workspace-id.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { eventually, inboxHarness } from "./support/inbox-harness.js";
import type { Json } from "../support/json.js";

let w: StartedWharf;
const h = inboxHarness(() => w);
let ids: Awaited<ReturnType<typeof h.connect>>;
let other: { id: string; apiKey: string };
const received: Array<{ path: string; headers: http.IncomingHttpHeaders; body: string }> = [];
const answers: number[] = [];
let receiver: http.Server;
let receiverUrl: string;

beforeAll(async () => {
  w = await startWharf();
  ids = await h.connect(w.demo.apiKey);
  other = (await h.api("POST", "/v1/workspaces", w.adminToken, { name: "Other tenant" })).body;
  // The workspace's own system: records what arrives, answers with the next queued status (200 by default).
  receiver = http.createServer((req, res) => {
    let body = "";
    req
      .on("data", (c) => (body += c))
      .on("end", () => {
        received.push({ path: req.url!, headers: req.headers, body });
        res.writeHead(answers.shift() ?? 200).end();
      });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
}, 60_000);
afterAll(async () => {
  receiver?.close();
  await w?.close();
});

const key = () => w.demo.apiKey;
const inbound = (from: string, text: string) =>
  h.emulator("/inbound", { phoneNumberId: ids.metaPhoneNumberId, from, text });

describe("events out (happy path)", () => {
  it("delivers signed events, retries a failed delivery, and logs every attempt", async () => {
    const created = await h.api("POST", "/v1/webhook-endpoints", key(), {
      url: `${receiverUrl}/a`,
      events: ["message.received"],
      description: "CRM",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^whe_/),
      url: `${receiverUrl}/a`,
      events: ["message.received"],
      secret: expect.stringMatching(/^whsec_/),
    });
    const { id, secret } = created.body;
    expect((await h.api("GET", `/v1/webhook-endpoints/${id}`, key())).body).not.toHaveProperty("secret");

    answers.push(500);
    await inbound("+15550301001", "order status?");
    const first = await eventually(
      async () => received.filter((r) => r.path === "/a"),
      (r) => r.length >= 1,
    );
    const sent = first[0]!;
    expect(verifyDeliverySignature(sent.body, sent.headers["wharf-signature"] as string, secret, Date.now())).toEqual({
      ok: true,
    });
    expect(
      verifyDeliverySignature(sent.body, sent.headers["wharf-signature"] as string, "whsec_wrong", Date.now()),
    ).toMatchObject({ ok: false });
    // A recorded delivery replayed later is refused by a receiver that checks the timestamp.
    expect(
      verifyDeliverySignature(sent.body, sent.headers["wharf-signature"] as string, secret, Date.now() + 10 * 60_000),
    ).toEqual({ ok: false, reason: "too_old" });
    const event = JSON.parse(sent.body);
    expect(event).toMatchObject({
      id: expect.stringMatching(/^evt_/),
      type: "message.received",
      data: { from: "15550301001", preview: "order status?" },
    });
    expect(sent.headers["wharf-event-id"]).toBe(event.id);

    // The 500 put it back in the queue with backoff (10 s or more); let that time pass. The receiver
    // sees the request before the worker records the answer, so wait for the rescheduled row first.
    const rescheduled = await eventually(
      async () =>
        Number(
          (
            await sql<{
              n: number;
            }>`select count(*) as n from webhook_deliveries where state = 'pending' and attempts >= 1 and lease_owner is null`.execute(
              w.wharf.database.db,
            )
          ).rows[0]!.n,
        ),
      (n) => n >= 1,
    );
    expect(rescheduled).toBe(1);
    await sql`update webhook_deliveries set run_at = 0 where state = 'pending'`.execute(w.wharf.database.db);
    const both = await eventually(
      async () => received.filter((r) => r.path === "/a"),
      (r) => r.length >= 2,
    );
    expect(JSON.parse(both[1]!.body).id).toBe(event.id);
    const log = await eventually(
      () => h.api("GET", `/v1/webhook-endpoints/${id}/deliveries`, key()),
      (r) => r.body.data[0]?.state === "delivered",
    );
    expect(log.body.data[0]).toMatchObject({
      eventId: event.id,
      eventType: "message.received",
      state: "delivered",
      attempts: [
        { status: 500, error: "HTTP 500" },
        { status: 200, error: null },
      ],
    });
  });

  it("sends only the subscribed event types, and nothing after the endpoint is deleted", async () => {
    const ep = (
      await h.api("POST", "/v1/webhook-endpoints", key(), { url: `${receiverUrl}/b`, events: ["contact.opted_out"] })
    ).body;
    await inbound("+15550301002", "hello");
    await inbound("+15550301002", "STOP");
    const got = await eventually(
      async () => received.filter((r) => r.path === "/b"),
      (r) => r.length >= 1,
    );
    expect(got.map((r) => JSON.parse(r.body).type)).toEqual(["contact.opted_out"]);
    expect((await h.api("DELETE", `/v1/webhook-endpoints/${ep.id}`, key())).status).toBe(204);
    await inbound("+15550301003", "STOP");
    await h.settle();
    await new Promise((r) => setTimeout(r, 300));
    expect(received.filter((r) => r.path === "/b").length).toBe(1);
    expect((await h.api("GET", `/v1/webhook-endpoints/${ep.id}`, key())).status).toBe(404);
  });
});

describe("events out (errors)", () => {
  it("refuses a bad URL, an unknown event type and credentials in the URL", async () => {
    expect(
      (await h.api("POST", "/v1/webhook-endpoints", key(), { url: "ftp://x.test/", events: ["message.received"] })).body
        .error.code,
    ).toBe("VALIDATION_FAILED");
    expect(
      (await h.api("POST", "/v1/webhook-endpoints", key(), { url: "https://x.test/", events: ["message.nope"] }))
        .status,
    ).toBe(400);
    expect((await h.api("POST", "/v1/webhook-endpoints", key(), { url: "https://x.test/", events: [] })).status).toBe(
      400,
    );
    expect(
      (await h.api("POST", "/v1/webhook-endpoints", key(), { url: "https://user:pw@x.test/", events: ["*"] })).body
        .error.code,
    ).toBe("VALIDATION_FAILED");
    expect((await h.api("GET", "/v1/webhook-endpoints/whe_nope/deliveries", key())).status).toBe(404);
  });
});

describe("events out (security)", () => {
  it("another workspace neither sees the endpoints nor receives the events", async () => {
    const mine = (await h.api("POST", "/v1/webhook-endpoints", key(), { url: `${receiverUrl}/mine`, events: ["*"] }))
      .body;
    const theirs = (
      await h.api("POST", "/v1/webhook-endpoints", other.apiKey, { url: `${receiverUrl}/theirs`, events: ["*"] })
    ).body;
    expect((await h.api("GET", "/v1/webhook-endpoints", other.apiKey)).body.data.map((e: Json) => e.id)).toEqual([
      theirs.id,
    ]);
    expect((await h.api("GET", `/v1/webhook-endpoints/${mine.id}`, other.apiKey)).status).toBe(404);
    expect((await h.api("GET", `/v1/webhook-endpoints/${mine.id}/deliveries`, other.apiKey)).status).toBe(404);
    expect((await h.api("DELETE", `/v1/webhook-endpoints/${mine.id}`, other.apiKey)).status).toBe(404);
    await inbound("+15550301004", "only for A");
    await eventually(
      async () => received.filter((r) => r.path === "/mine"),
      (r) => r.length >= 1,
    );
    await h.settle();
    expect(received.filter((r) => r.path === "/theirs")).toEqual([]);
    expect(JSON.stringify(await h.api("GET", "/v1/webhook-endpoints", key()))).not.toContain(mine.secret);
  });
});

describe("events out (security: sandbox endpoints cannot drive Wharf's own emulator)", () => {
  const port = () => new URL(w.url).port;

  it("refuses a target under /_meta of Wharf's own port at creation, however it is spelled", async () => {
    const attempts = [
      `${w.url}/_meta/_emulator/reset`,
      `http://127.0.0.1:${port()}/_meta/_emulator/reset`,
      `http://[::1]:${port()}/_meta/_emulator/reset`,
      `http://[::ffff:127.0.0.1]:${port()}/_meta/_emulator/reset`,
      `http://LOCALHOST.:${port()}/%5Fmeta/_emulator/reset`,
      `http://127.1:${port()}/./_meta/_emulator/reset`,
      `http://0.0.0.0:${port()}/x/%2e%2e/_META/_emulator/reset`,
    ];
    for (const url of attempts) {
      const res = await h.api("POST", "/v1/webhook-endpoints", key(), { url, events: ["*"] });
      expect(res.status, url).toBe(422);
      expect(res.body.error).toMatchObject({
        code: "TARGET_NOT_ALLOWED",
        message: expect.stringContaining("/_meta"),
        requestId: expect.any(String),
      });
    }
    expect(
      (await h.api("GET", "/v1/webhook-endpoints", key())).body.data
        .map((e: Json) => e.url)
        .filter((u: string) => /_meta/i.test(u)),
    ).toEqual([]);
  });

  it("refuses it again at delivery (an endpoint stored before this check): the emulator is never reached", async () => {
    const id = `whe_test${Date.now()}`;
    const now = Date.now();
    const sealed = await w.wharf.vault.seal(
      asWorkspaceId(w.demo.workspaceId),
      "webhook_endpoint_secret",
      id,
      "whsec_test",
    );
    await sql`insert into webhook_endpoints (id, workspace_id, url, events, description, secret_sealed, created_at, updated_at)
              values (${id}, ${w.demo.workspaceId}, ${`http://127.0.0.1:${port()}/_meta/_emulator/reset`}, '["*"]', null, ${sealed}, ${now}, ${now})`.execute(
      w.wharf.database.db,
    );
    const wabasBefore = (await h.emulator("/state")).wabas.length;
    await inbound("+15550301009", "reset please");
    const log = await eventually(
      () => h.api("GET", `/v1/webhook-endpoints/${id}/deliveries`, key()),
      (r) => r.body.data?.[0]?.state === "failed",
    );
    expect(log.body.data[0].attempts[0].error).toContain("/_meta");
    expect((await h.emulator("/state")).wabas.length).toBe(wabasBefore);
  });
});
