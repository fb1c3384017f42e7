import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { signWebhookBody } from "../../src/graph/index.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { eventually, inboxHarness, messagesValue, textMessage } from "./support/inbox-harness.js";

let w: StartedWharf;
const h = inboxHarness(() => w);
let ids: Awaited<ReturnType<typeof h.connect>>;

beforeAll(async () => {
  w = await startWharf();
  ids = await h.connect(w.demo.apiKey);
});
afterAll(() => w?.close());

const db = () => w.wharf.database.db;
const count = async (table: string, where = sql`1 = 1`) =>
  Number(
    (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(db())).rows[0]!.n,
  );
const status = (wamid: string, s: string, ts: number, extra: Record<string, unknown> = {}) => ({
  id: wamid,
  status: s,
  timestamp: String(ts),
  recipient_id: "15550009999",
  ...extra,
});
const shuffle = <T>(xs: T[]) =>
  xs
    .map((x) => [Math.random(), x] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, x]) => x);

describe("GET /webhooks/meta: the verify-token handshake", () => {
  it("echoes the challenge as text for the right token, refuses anything else", async () => {
    const token = w.wharf.meta.verifyToken;
    const ok = await fetch(
      `${w.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toContain("text/plain");
    expect(await ok.text()).toBe("1158201444");
    for (const q of [
      `hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`,
      `hub.mode=unsubscribe&hub.verify_token=${token}&hub.challenge=1`,
      `hub.challenge=1`,
      `hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=<script>`,
    ]) {
      const res = await fetch(`${w.url}/webhooks/meta?${q}`);
      expect(res.status, q).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("WEBHOOK_VERIFY_FAILED");
    }
  });
});

describe("POST /webhooks/meta: signature over the raw bytes", () => {
  it("stores nothing and answers 401 for a missing, malformed or wrong signature", async () => {
    const before = await count("webhook_events");
    const body = JSON.stringify(messagesValue(ids, { messages: [textMessage("15550001234", "wamid.forged", "hi")] }));
    const forged = [
      undefined,
      "sha1=abc",
      `sha256=${"0".repeat(64)}`,
      signWebhookBody(body, "not-the-app-secret"),
      signWebhookBody(body + " ", w.wharf.meta.appSecret),
    ];
    for (const signature of forged) {
      const res = await fetch(`${w.url}/webhooks/meta`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(signature ? { "x-hub-signature-256": signature } : {}) },
        body,
      });
      expect(res.status, String(signature)).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("WEBHOOK_SIGNATURE_INVALID");
    }
    expect(await count("webhook_events")).toBe(before);
    expect(await count("messages", sql`wamid = 'wamid.forged'`)).toBe(0);
  });

  it("serves the same answers on every form of the URL, and refuses a body over Meta's limit", async () => {
    const body = JSON.stringify(messagesValue(ids, { messages: [textMessage("15550001235", "wamid.alt-url", "hi")] }));
    const signature = signWebhookBody(body, w.wharf.meta.appSecret);
    for (const path of ["/webhooks/meta?from=meta", "/webhooks/meta/"]) {
      const bad = await fetch(`${w.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${"1".repeat(64)}` },
        body,
      });
      expect(bad.status, path).toBe(401);
      expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("WEBHOOK_SIGNATURE_INVALID");
      const ok = await fetch(`${w.url}${path}`, {
        method: "POST",
        headers: { "content-type": "text/plain", "x-hub-signature-256": signature },
        body,
      });
      expect(ok.status, path).toBe(200);
      expect(await ok.text()).toBe("EVENT_RECEIVED");
    }
    const huge = Buffer.alloc(5 * 1024 * 1024, 32);
    for (const path of ["/webhooks/meta", "/webhooks/meta?x=1"]) {
      const res = await fetch(`${w.url}${path}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-hub-signature-256": signWebhookBody(huge, w.wharf.meta.appSecret),
        },
        body: huge,
      });
      expect(res.status, path).toBe(413);
    }
    await h.settle();
    expect(await count("messages", sql`wamid = 'wamid.alt-url'`)).toBe(1);
  });

  it("keeps a signed body it cannot read (flagged, not re-requested from Meta) and answers 200", async () => {
    expect(await h.postSigned("this is not json")).toBe(200);
    expect(await h.postSigned(Buffer.from(JSON.stringify({ object: "page", entry: [] })))).toBe(200);
    await h.settle();
    expect(await count("webhook_events", sql`state = 'invalid'`)).toBeGreaterThanOrEqual(2);
  });

  it("accepts Meta's largest batches: 1,000 changes in one POST", async () => {
    const changes = Array.from({ length: 1000 }, (_, i) => ({
      field: "messages",
      value: messagesValue(ids, {
        messages: [textMessage(`1555100${String(i).padStart(4, "0")}`, `wamid.batch${i}`, "x".repeat(2000))],
      }).entry[0]!.changes[0]!.value,
    }));
    const body = JSON.stringify({ object: "whatsapp_business_account", entry: [{ id: ids.wabaId, changes }] });
    expect(body.length).toBeGreaterThan(2_000_000);
    expect(await h.postSigned(body)).toBe(200);
    await h.settle();
    expect(await count("messages", sql`wamid like 'wamid.batch%'`)).toBe(1000);
  });
});

describe("every inbound type Meta sends", () => {
  it("becomes a message of its type in the customer's conversation, media kept as Meta's id", async () => {
    const media = { mime_type: "image/jpeg", sha256: "abc=", id: "1479537139650973" };
    const kinds: Record<string, Record<string, unknown>> = {
      text: {
        text: { body: "hello" },
        referral: { source_url: "https://fb.me/ad", source_type: "ad", ctwa_clid: "x" },
      },
      image: { image: { ...media, caption: "pic" } },
      video: { video: { ...media, id: "2001", mime_type: "video/mp4" } },
      audio: { audio: { ...media, id: "2002", mime_type: "audio/ogg", voice: true } },
      document: { document: { ...media, id: "2003", mime_type: "application/pdf", filename: "invoice.pdf" } },
      sticker: { sticker: { ...media, id: "2004", mime_type: "image/webp", animated: false } },
      location: { location: { latitude: 38.7, longitude: -9.1, name: "Lisbon" } },
      contacts: {
        contacts: [
          { name: { formatted_name: "Ana Lima" }, phones: [{ phone: "+351 900", wa_id: "351900", type: "CELL" }] },
        ],
      },
      interactive: { interactive: { type: "button_reply", button_reply: { id: "yes", title: "Yes" } } },
      button: { button: { payload: "TRACK", text: "Track order" }, context: { from: "15550783881", id: "wamid.tpl" } },
      reaction: { reaction: { message_id: "wamid.any", emoji: "👍" } },
      order: {
        order: {
          catalog_id: "1537700000000001",
          text: "pls",
          product_items: [{ product_retailer_id: "SKU1", quantity: 2, item_price: 9.5, currency: "EUR" }],
        },
      },
      unsupported: { errors: [{ code: 131051, title: "Message type unknown" }], unsupported: { type: "poll" } },
      system: { system: { body: "User changed number", wa_id: "15550008888", type: "user_changed_number" } },
      request_welcome: {},
    };
    const from = "15550006000";
    const messages = Object.entries(kinds).map(([type, content], i) => ({
      from,
      id: `wamid.type-${type}`,
      timestamp: String(1_760_000_000 + i),
      type,
      ...content,
    }));
    messages.push({
      from,
      id: "wamid.type-list",
      timestamp: "1760000100",
      type: "interactive",
      interactive: { type: "list_reply", list_reply: { id: "b", title: "Option B", description: "d" } },
    } as never);
    expect(
      await h.postSigned(
        JSON.stringify(messagesValue(ids, { contacts: [{ profile: { name: "All Types" }, wa_id: from }], messages })),
      ),
    ).toBe(200);
    await h.settle();
    const rows = (
      await sql<{
        type: string;
        content: string;
      }>`select type, content from messages where wa_id = ${from} order by meta_timestamp`.execute(db())
    ).rows;
    expect(rows.map((r) => r.type)).toEqual([...Object.keys(kinds), "interactive"]);
    expect(JSON.parse(rows.find((r) => r.type === "document")!.content).document.id).toBe("2003");
    const conv = (await h.api("GET", `/v1/conversations?waId=${from}`, w.demo.apiKey)).body.data;
    expect(conv).toHaveLength(1);
    expect(conv[0]).toMatchObject({ unreadCount: messages.length, contact: { name: "All Types" } });
    expect(await count("inbound_media", sql`wamid like 'wamid.type-%'`)).toBe(5);
  });
});

describe("duplicates, order and failed processing (acceptance 1)", () => {
  it("the same webhook 5 times, out of order with its statuses, yields one message with the right final status", async () => {
    const customer = "15550007001";
    const outWamid = "wamid.out-7001";
    const msgId = await h.insertOutbound(w.demo.workspaceId, {
      phoneNumberId: ids.phoneNumberId,
      waId: customer,
      wamid: outWamid,
    });
    const t = Math.floor(Date.now() / 1000);
    const inbound = JSON.stringify(
      messagesValue(ids, {
        contacts: [{ profile: { name: "Dup" }, wa_id: customer }],
        messages: [textMessage(customer, "wamid.in-7001", "hello", t)],
      }),
    );
    const statuses = ["sent", "delivered", "read"].map((s, i) =>
      JSON.stringify(messagesValue(ids, { statuses: [status(outWamid, s, t + i)] })),
    );
    const deliveries = shuffle([...Array(5).fill(inbound), ...statuses.flatMap((s) => Array(5).fill(s))]);
    const answers = await Promise.all(deliveries.map((b) => h.postSigned(b)));
    expect(answers.every((s) => s === 200)).toBe(true);
    await h.settle();
    expect(await count("messages", sql`wamid = 'wamid.in-7001'`)).toBe(1);
    const out = (await h.api("GET", `/v1/messages/${msgId}`, w.demo.apiKey)).body;
    expect(out.status).toBe("read");
    expect(out.events.map((e: { status: string }) => e.status).sort()).toEqual(["delivered", "read", "sent"]);
    const conv = (await h.api("GET", `/v1/conversations?waId=${customer}`, w.demo.apiKey)).body.data[0];
    expect(conv).toMatchObject({
      unreadCount: 1,
      contact: { name: "Dup" },
      lastMessageAt: new Date((t + 0) * 1000).toISOString(),
    });
  });

  it("keeps Meta's error on a failed message; a late `delivered` does not undo it", async () => {
    const wamid = "wamid.out-fail";
    const msgId = await h.insertOutbound(w.demo.workspaceId, {
      phoneNumberId: ids.phoneNumberId,
      waId: "15550007002",
      wamid,
    });
    const t = Math.floor(Date.now() / 1000);
    const error = {
      code: 131026,
      title: "Message undeliverable",
      message: "Message undeliverable",
      error_data: { details: "Receiver is incapable of receiving this message" },
    };
    await h.postSigned(
      JSON.stringify(messagesValue(ids, { statuses: [status(wamid, "failed", t, { errors: [error] })] })),
    );
    await h.postSigned(JSON.stringify(messagesValue(ids, { statuses: [status(wamid, "delivered", t + 1)] })));
    await h.settle();
    const m = (await h.api("GET", `/v1/messages/${msgId}`, w.demo.apiKey)).body;
    expect(m.status).toBe("failed");
    expect(JSON.stringify(m.error)).toContain("131026");
    expect(JSON.stringify(m.error)).toContain("Receiver is incapable");
  });

  it("a status that beats the send's own response is applied once the wamid is stored", async () => {
    const wamid = "wamid.out-early";
    await h.postSigned(
      JSON.stringify(messagesValue(ids, { statuses: [status(wamid, "delivered", Math.floor(Date.now() / 1000))] })),
    );
    await h.settle();
    expect(await count("unmatched_statuses", sql`wamid = ${wamid} and state = 'waiting'`)).toBe(1);
    const msgId = await h.insertOutbound(w.demo.workspaceId, {
      phoneNumberId: ids.phoneNumberId,
      waId: "15550007003",
      wamid,
    });
    const m = await eventually(
      () => h.api("GET", `/v1/messages/${msgId}`, w.demo.apiKey),
      (r) => r.body.status === "delivered",
      8_000,
    );
    expect(m.body.status).toBe("delivered");
    expect(await count("unmatched_statuses", sql`wamid = ${wamid}`)).toBe(0);
  });

  it("a processing failure followed by Meta's retry still yields the message, once", async () => {
    const body = JSON.stringify(
      messagesValue(ids, { messages: [textMessage("15550007004", "wamid.in-retry", "are you there?")] }),
    );
    // The database refuses the processor's writes (a table it needs is gone) while the receiver still stores.
    await sql`alter table contacts rename to contacts_away`.execute(db());
    try {
      expect(await h.postSigned(body)).toBe(200);
      const failed = await eventually(
        () =>
          sql<{
            last_error: string | null;
          }>`select last_error from webhook_events where body like ${"%wamid.in-retry%"}`.execute(db()),
        (r) => r.rows[0]?.last_error != null,
        8_000,
      );
      expect(failed.rows[0]!.last_error).toBeTruthy();
      expect(await count("messages", sql`wamid = 'wamid.in-retry'`)).toBe(0);
    } finally {
      await sql`alter table contacts_away rename to contacts`.execute(db());
    }
    // Meta did get its 200, but re-delivers anyway in practice (another app, its own retry): the same bytes again.
    expect(await h.postSigned(body)).toBe(200);
    await eventually(
      () => count("messages", sql`wamid = 'wamid.in-retry'`),
      (n) => n === 1,
      8_000,
    );
    const conv = (await h.api("GET", "/v1/conversations?waId=15550007004", w.demo.apiKey)).body.data[0];
    expect(conv.unreadCount).toBe(1);
    // Our own retry of the failed event later finds the message already there: still one, still 1 unread.
    await sql`update webhook_events set run_at = 0 where body like ${"%wamid.in-retry%"} and state = 'pending'`.execute(
      db(),
    );
    await h.settle();
    expect(await count("messages", sql`wamid = 'wamid.in-retry'`)).toBe(1);
    expect((await h.api("GET", `/v1/conversations/${conv.id}`, w.demo.apiKey)).body.unreadCount).toBe(1);
  });
});
