import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { messagesWebhookBody, signWebhookBody, unreachableChannels } from "../../../test/support/channels.js";
import { seedConnectedNumber } from "../../../test/support/seed-connected-number.js";
import { allMigrations } from "../../main.js";
import { manualClock } from "../../platform/clock.js";
import { createVault, generateMasterKey, staticKeyring } from "../../platform/crypto/index.js";
import { createEventBus, type RecordedEvent } from "../../platform/events.js";
import { createJobs } from "../../platform/jobs/index.js";
import { UNMATCHED_DELAYS_MS } from "./retry-unmatched.js";
import { metaInboundModule, type MetaInboundModule } from "./index.js";
import type { ProcessorOptions } from "./event-processor.js";

const SECRET = "test-app-secret";
const WABA = "111000111";
const PN = "222000222";

describeEachDialect("webhook processing: durable dedupe, ordering, routing, retries", (dialect) => {
  let tdb: TestDatabase;
  const clock = manualClock(Date.UTC(2026, 3, 1));
  const published: RecordedEvent[] = [];
  const make = (
    ingest?: { waitMs: number },
    options: { db?: TestDatabase["db"]; processing?: ProcessorOptions } = {},
  ): MetaInboundModule => {
    const events = createEventBus();
    events.subscribeAll((_ws, e) => published.push(e));
    const vault = createVault({ db: tdb.db, keyring: staticKeyring(generateMasterKey()), clock });
    const deps = {
      db: options.db ?? tdb.db,
      dialect: tdb.dialect,
      clock,
      events,
      vault,
      jobs: createJobs({ db: tdb.db, dialect: tdb.dialect, clock }).queue,
      channels: unreachableChannels(),
    };
    return metaInboundModule({
      ...deps,
      meta: { appSecret: SECRET, verifyToken: "verify-me" },
      processing: options.processing ?? { pollMs: 1000, batchSize: 7 },
      ...(ingest ? { ingest } : {}),
    });
  };
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, allMigrations);
    published.length = 0;
    const now = clock.now();
    await seedConnectedNumber(tdb.db, { wabaId: WABA, metaPhoneNumberId: PN, now });
  });
  afterEach(() => tdb.cleanup());

  const payload = (value: Record<string, unknown>, pn = PN) => messagesWebhookBody(WABA, pn, value);
  const post = (m: MetaInboundModule, body: string) =>
    m.receiver.receive(Buffer.from(body), signWebhookBody(body, SECRET));
  const one = async (q: string) => Number((await sql.raw<{ n: number }>(q).execute(tdb.db)).rows[0]!.n);
  const insertOutbound = (wamid: string) =>
    sql`insert into messages (id, workspace_id, direction, phone_number_id, wa_id, type, content, status, status_rank, wamid, business_initiated, created_at, updated_at) values (${`msg_${wamid}`}, 'ws_a', 'outbound', 'pn_a', '155', 'text', '{}', 'sending', 1, ${wamid}, 0, 1, 1)`.execute(
      tdb.db,
    );

  it("group-commits concurrent requests: all stored, in far fewer transactions than requests", async () => {
    let flushes = 0;
    const m = make();
    const receiver = (await import("./receive-webhook.js")).webhookReceiver({
      db: tdb.db,
      dialect: tdb.dialect,
      clock,
      meta: { appSecret: SECRET, verifyToken: "x" },
      onStored: () => flushes++,
    });
    const bodies = Array.from({ length: 300 }, (_, i) =>
      payload({
        messages: [{ from: "155", id: `w.${i}`, timestamp: "1700000000", type: "text", text: { body: "x" } }],
      }),
    );
    const results = await Promise.all(bodies.map((b) => receiver.receive(Buffer.from(b), signWebhookBody(b, SECRET))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await one("select count(*) as n from webhook_events")).toBe(300);
    expect(flushes).toBeLessThan(30);
    expect(await receiver.receive(Buffer.from(bodies[0]!), signWebhookBody(bodies[0]!, "wrong"))).toEqual({
      ok: false,
      reason: "signature_mismatch",
    });
    expect(await one("select count(*) as n from webhook_events")).toBe(300);
    await m.processor.runUntilIdle();
    expect(await one("select count(*) as n from messages where direction = 'inbound'")).toBe(300);
  });

  it("a batch is stored whole or not at all, each body byte for byte (PostgreSQL: one statement, no BEGIN)", async () => {
    const { insertEvents } = await import("./webhook-events.repo.js");
    // Quotes, backslashes, braces, commas, non-ASCII and NUL-free control characters: what an array literal must escape.
    const odd = `{"a":"\\"q\\" \\\\ {x,y} NULL é 😀\\n\\t"}`;
    await insertEvents(tdb.db, [
      { id: "evt_batch_1", received_at: 5, body: odd },
      { id: "evt_batch_2", received_at: 6, body: "NULL" },
    ]);
    const stored = await sql<{ id: string; body: string; state: string; run_at: number }>`
      select id, body, state, run_at from webhook_events where id like 'evt_batch_%' order by id`.execute(tdb.db);
    expect(stored.rows.map((r) => [r.id, r.body, r.state, Number(r.run_at)])).toEqual([
      ["evt_batch_1", odd, "pending", 5],
      ["evt_batch_2", "NULL", "pending", 6],
    ]);
    // A row that cannot be stored (its id is taken) fails the whole batch: none of it is answered 200.
    await expect(
      insertEvents(tdb.db, [
        { id: "evt_batch_3", received_at: 7, body: "{}" },
        { id: "evt_batch_1", received_at: 7, body: "{}" },
      ]),
    ).rejects.toThrow();
    expect(await one("select count(*) as n from webhook_events where id = 'evt_batch_3'")).toBe(0);
  });

  it("answers a request only once its batch is committed", async () => {
    // A long gathering window: an answer given before the commit would find no row here.
    const m = make({ waitMs: 150 });
    const bodies = Array.from({ length: 5 }, (_, i) =>
      payload({
        messages: [{ from: "155", id: `w.d${i}`, timestamp: "1700000000", type: "text", text: { body: "x" } }],
      }),
    );
    const seen = await Promise.all(
      bodies.map(async (b) => {
        await post(m, b);
        return one("select count(*) as n from webhook_events");
      }),
    );
    expect(seen).toEqual([5, 5, 5, 5, 5]);
  });

  it("two processors racing over duplicated, out-of-order deliveries leave one message and the highest status", async () => {
    await insertOutbound("wamid.out");
    const inbound = payload({
      messages: [{ from: "155", id: "wamid.in", timestamp: "1700000000", type: "text", text: { body: "hi" } }],
    });
    const statuses = ["read", "sent", "delivered"].map((s, i) =>
      payload({ statuses: [{ id: "wamid.out", status: s, timestamp: String(1700000000 + i), recipient_id: "155" }] }),
    );
    const a = make();
    const b = make();
    for (let i = 0; i < 5; i++) for (const body of [inbound, ...statuses]) await post(i % 2 ? a : b, body);
    // PostgreSQL may break a deadlock between two batches on the same rows: that event is retried a moment later.
    for (
      let round = 0;
      round < 5 && (await one("select count(*) as n from webhook_events where state = 'done'")) < 20;
      round++
    ) {
      await Promise.all([a.processor.runUntilIdle(), b.processor.runUntilIdle(), a.processor.runUntilIdle()]);
      clock.advance(1_000);
    }
    expect(await one("select count(*) as n from webhook_events where state = 'done'")).toBe(20);
    expect(await one("select count(*) as n from messages where wamid = 'wamid.in'")).toBe(1);
    expect(await one("select count(*) as n from messages where wamid = 'wamid.out' and status = 'read'")).toBe(1);
    expect(await one("select unread_count as n from conversations")).toBe(1);
    expect(published.filter((e) => e.type === "message.received")).toHaveLength(1);
  });

  it("stores a batch's inbound messages together as if one by one: repeats, a chatty customer, Meta's order", async () => {
    const text = (from: string, id: string, ts: number) => ({
      from,
      id,
      timestamp: String(ts),
      type: "text",
      text: { body: `about ${id}` },
    });
    const T = 1700000000;
    const bodies = [
      payload({
        contacts: [{ wa_id: "155", profile: { name: "Ann" } }],
        messages: [text("155", "w.1", T + 1), text("155", "w.2", T + 3)],
      }),
      payload({ messages: [text("166", "w.3", T + 2)] }),
      // Meta's repeat of w.1 in the same batch, and a message of 155 older than w.2 processed after it.
      payload({
        contacts: [{ wa_id: "155", profile: { name: "Ann B." } }],
        messages: [text("155", "w.1", T + 1), text("155", "w.4", T + 2)],
      }),
    ];
    const m = make();
    // Received a millisecond apart: claimed, and so processed, in that order.
    for (const b of bodies) {
      await post(m, b);
      clock.advance(1);
    }
    await m.processor.runUntilIdle();
    expect(await one("select count(*) as n from webhook_events where state = 'done'")).toBe(3);
    expect(await one("select count(*) as n from messages where direction = 'inbound'")).toBe(4);
    expect(await one("select count(*) as n from message_events where status = 'received'")).toBe(4);
    expect(
      published.filter((e) => e.type === "message.received").map((e) => (e.data as { wamid: string }).wamid),
    ).toEqual(["w.1", "w.2", "w.3", "w.4"]);
    const conversations = (
      await sql<{
        wa_id: string;
        unread_count: number;
        last_inbound_at: number;
      }>`select wa_id, unread_count, last_inbound_at from conversations order by wa_id`.execute(tdb.db)
    ).rows.map((r) => ({ ...r, unread_count: Number(r.unread_count), last_inbound_at: Number(r.last_inbound_at) }));
    expect(conversations).toEqual([
      { wa_id: "155", unread_count: 3, last_inbound_at: (T + 3) * 1000 },
      { wa_id: "166", unread_count: 1, last_inbound_at: (T + 2) * 1000 },
    ]);
    // w.4 is older than w.2: the name it carries does not replace the newer message's.
    const contacts = (
      await sql<{
        wa_id: string;
        profile_name: string | null;
      }>`select wa_id, profile_name from contacts order by wa_id`.execute(tdb.db)
    ).rows;
    expect(contacts).toEqual([
      { wa_id: "155", profile_name: "Ann" },
      { wa_id: "166", profile_name: null },
    ]);
    const ids = published.filter((e) => e.type === "message.received").map((e) => e.data as { conversationId: string });
    expect(new Set(ids.map((d) => d.conversationId)).size).toBe(2);
    expect(ids[0]!.conversationId).toBe(ids[1]!.conversationId);
    expect(ids[3]!.conversationId).toBe(ids[0]!.conversationId);
  });

  // Meta's status webhook reference: `pricing.type` (regular | free_customer_service |
  // free_entry_point) is in webhooks v24.0 and later; older versions have only billable/category.
  it("passes Meta's pricing (with type from v24 webhooks, null before) on in message.status", async () => {
    await insertOutbound("wamid.v24");
    await insertOutbound("wamid.v23");
    const pricing = { billable: false, pricing_model: "PMP", category: "service" };
    const m = make();
    await post(
      m,
      payload({
        statuses: [
          {
            id: "wamid.v24",
            status: "sent",
            timestamp: "1700000000",
            recipient_id: "155",
            pricing: { ...pricing, type: "free_customer_service" },
          },
          { id: "wamid.v23", status: "sent", timestamp: "1700000000", recipient_id: "155", pricing },
        ],
      }),
    );
    await m.processor.runUntilIdle();
    const status = (wamid: string) =>
      published.find((e) => e.type === "message.status" && (e.data as { wamid: string }).wamid === wamid)?.data;
    expect(status("wamid.v24")).toMatchObject({
      pricing: { billable: false, category: "service", pricingModel: "PMP", type: "free_customer_service" },
    });
    expect(status("wamid.v23")).toMatchObject({ pricing: { category: "service", type: null } });
  });

  it("keeps and flags what belongs to nobody: an unknown number, or a number under another WABA", async () => {
    const m = make();
    await post(
      m,
      payload(
        { messages: [{ from: "155", id: "wamid.lost", timestamp: "1700000000", type: "text", text: { body: "?" } }] },
        "999",
      ),
    );
    const foreignWaba = payload({
      messages: [{ from: "155", id: "wamid.moved", timestamp: "1700000000", type: "text", text: { body: "?" } }],
    }).replace(`"id":"${WABA}"`, '"id":"777"');
    await post(m, foreignWaba);
    await m.processor.runUntilIdle();
    expect(await one("select count(*) as n from messages")).toBe(0);
    expect(await one("select count(*) as n from webhook_flags where kind = 'unknown_number'")).toBe(2);
    expect(await one("select count(*) as n from webhook_events where state = 'done' and flags = 1")).toBe(2);
  });

  it("retries a status for an unknown wamid for about a minute, applies it if the message appears, else flags it", async () => {
    const m = make();
    await post(
      m,
      payload({
        statuses: [
          { id: "wamid.late", status: "delivered", timestamp: "1700000000", recipient_id: "155" },
          { id: "wamid.never", status: "sent", timestamp: "1700000000", recipient_id: "155" },
        ],
      }),
    );
    await m.processor.runUntilIdle();
    expect(await one("select count(*) as n from unmatched_statuses where state = 'waiting'")).toBe(2);
    await insertOutbound("wamid.late");
    for (const delay of UNMATCHED_DELAYS_MS) {
      clock.advance(delay);
      await m.processor.runUntilIdle();
    }
    expect(await one("select count(*) as n from messages where wamid = 'wamid.late' and status = 'delivered'")).toBe(1);
    expect(await one("select count(*) as n from unmatched_statuses where wamid = 'wamid.late'")).toBe(0);
    expect(
      await one(
        `select count(*) as n from unmatched_statuses where wamid = 'wamid.never' and state = 'flagged' and attempts = ${UNMATCHED_DELAYS_MS.length}`,
      ),
    ).toBe(1);
  });

  it("a failing event is retried with backoff, alone, without holding back the others of its batch", async () => {
    const m = make();
    const good = payload({
      messages: [{ from: "155", id: "wamid.ok", timestamp: "1700000000", type: "text", text: { body: "fine" } }],
    });
    const bad = payload({
      messages: [{ from: "155", id: "wamid.poison", timestamp: "1700000000", type: "text", text: { body: "boom" } }],
    });
    // The poison: a new message whose contact write meets a table the test takes away; the duplicate of an
    // already processed message beside it in the batch needs no contact write and goes through.
    await post(m, good);
    await m.processor.runUntilIdle();
    await sql`alter table contacts rename to contacts_away`.execute(tdb.db);
    await post(m, bad);
    await post(m, good);
    await m.processor.runUntilIdle();
    await sql`alter table contacts_away rename to contacts`.execute(tdb.db);
    const rows = (
      await sql<{
        body: string;
        state: string;
        attempts: number;
        last_error: string | null;
        run_at: number;
      }>`select body, state, attempts, last_error, run_at from webhook_events`.execute(tdb.db)
    ).rows;
    const poison = rows.find((r) => r.body.includes("wamid.poison"))!;
    expect(poison).toMatchObject({ state: "pending", attempts: 1 });
    expect(poison.last_error).toBeTruthy();
    expect(Number(poison.run_at)).toBeGreaterThan(clock.now());
    expect(rows.filter((r) => r.body.includes("wamid.ok")).map((r) => r.state)).toEqual(["done", "done"]);
    clock.advance(60_000);
    await m.processor.runUntilIdle();
    expect(await one("select count(*) as n from messages where wamid = 'wamid.poison'")).toBe(1);
  });

  it("claims one batch at a time while a receiver is storing, side by side (PostgreSQL) once it stops", async () => {
    // Batches claimed and not yet finished: a claim is the update that counts an attempt, a finish
    // the one that marks the events done (one claim is one batch here).
    let open = 0;
    let most = 0;
    let storing = true;
    const kinds = new Map<unknown, "claim" | "finish">();
    const counting = tdb.db.withPlugin({
      transformQuery({ node, queryId }) {
        const text = node.kind === "UpdateQueryNode" ? JSON.stringify(node) : "";
        if (text.includes("webhook_events") && text.includes("attempts")) kinds.set(queryId, "claim");
        else if (text.includes("webhook_events") && text.includes("processed_at")) kinds.set(queryId, "finish");
        return node;
      },
      async transformResult({ result, queryId }) {
        const kind = kinds.get(queryId);
        kinds.delete(queryId);
        // A receiver storing all along: it told the processor just before each claim answered.
        if (kind === "claim" && storing) m.processor.stored(0);
        if (kind === "claim" && result.rows.length > 0) most = Math.max(most, ++open);
        if (kind === "finish") open--;
        return result;
      },
    });
    const m = make(undefined, {
      db: counting,
      processing: { pollMs: 1000, batchSize: 5, claimSize: 5, concurrency: 4 },
    });
    const store = async (from: number) => {
      for (let i = from; i < from + 40; i++)
        await post(
          m,
          payload({
            messages: [{ from: "155", id: `wamid.r${i}`, timestamp: "1700000000", type: "text", text: { body: "x" } }],
          }),
        );
    };
    await store(0);
    await m.processor.runUntilIdle();
    expect(await one("select count(*) as n from messages where wamid like 'wamid.r%'")).toBe(40);
    expect(most).toBe(1);

    // Nothing stored for a while: a full claim has another beside it.
    storing = false;
    await store(40);
    await new Promise((r) => setTimeout(r, 150));
    most = 0;
    await m.processor.runUntilIdle();
    expect(await one("select count(*) as n from messages where wamid like 'wamid.r%'")).toBe(80);
    expect(most).toBe(dialect === "postgres" ? 4 : 1);
  });
});

describe("processing's share of the event loop beside the receiver", () => {
  it("starts at its base, grows while a backlog lasts, and stays within 0.05 and 0.75", async () => {
    const { processingShare } = await import("./event-processor.js");
    expect(processingShare(0.25, 0)).toBe(0.25);
    expect(processingShare(0.25, 5_000)).toBeCloseTo(0.5);
    expect(processingShare(0.25, 10_000)).toBe(0.75);
    expect(processingShare(0.25, 600_000)).toBe(0.75);
    expect(processingShare(0, 0)).toBe(0.05);
    expect(processingShare(1, 0)).toBe(0.75);
    expect(processingShare(0.25, -1)).toBe(0.25);
  });
});
