import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { senderPhone } from "../../../test/support/sender-phone.js";
import { allMigrations } from "../../main.js";
import type { SendMessageRequest } from "../../channels/index.js";
import { openDatabase, type Database } from "../../platform/db/index.js";
import { createEventBus } from "../../platform/events.js";
import type { TemplateForSend } from "../templates/index.js";
import type { OutboundIntent } from "./admission/index.js";
import { FULL_RECOUNT_MS, admitToReach, reachedCustomersQuery } from "./admission/messaging-limit.js";
import { outboundWriter, type WriteResult } from "./write-outbound.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { CompiledQuery, sql } from "kysely";
import { seedConnectedNumber } from "../../../test/support/seed-connected-number.js";

const WS = "ws_test" as WorkspaceId;
const PHONE = senderPhone("unverified", { display_phone_number: "+1 555-012-3456" });
const T0 = Date.UTC(2026, 11, 1);

const TEMPLATE = {
  name: "t",
  language: "en_US",
  category: "UTILITY",
  bodyParameterCount: 0,
  headerParameterCount: 0,
  buttonParameterCounts: [],
} as unknown as TemplateForSend;

/** A utility template to a customer; `inWindow`: they wrote a moment ago, so it is a service reply (not business-initiated). */
function send(
  waId: string,
  at: number,
  extra: {
    inWindow?: boolean;
    idempotencyKey?: string;
    from?: OutboundIntent["phone"];
    workspaceId?: WorkspaceId;
  } = {},
): OutboundIntent {
  const body = {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    to: `+${waId}`,
    type: "template",
    template: { name: "t", language: { code: "en_US" } },
  } as SendMessageRequest;
  return {
    workspaceId: extra.workspaceId ?? WS,
    phone: extra.from ?? PHONE,
    to: `+${waId}`,
    waId,
    body,
    template: TEMPLATE,
    campaignId: null,
    contextWamid: null,
    idempotencyKey: extra.idempotencyKey ?? null,
    requestHash: null,
    now: at,
    facts: { lastInboundAt: extra.inWindow ? at - 1000 : null },
  };
}
const kinds = (results: WriteResult[]) =>
  results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.kind]: (acc[r.kind] ?? 0) + 1 }), {});

describeEachDialect("outbound writes: group commit, messaging limit, idempotency", (dialect) => {
  let tdb: TestDatabase;
  let second: Database;
  const events = createEventBus();
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, allMigrations);
    // A second handle on the same database: another `wharf serve` process.
    second = openDatabase({ url: tdb.url, dataDir: tdb.dataDir, schema: tdb.schema, poolSize: 5 });
  });
  afterEach(async () => {
    await second.close();
    await tdb.cleanup();
  });

  it("60 new customers sent at once from two processes: exactly 50 written, 10 refused, each written with its outbox row", async () => {
    const queued: string[] = [];
    events.subscribeAll((_ws, e) => {
      if (e.type === "message.queued") queued.push(e.data.id);
    });
    const a = outboundWriter({ db: tdb.db, dialect, events });
    const b = outboundWriter({ db: second.db, dialect, events });
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).write(send(`1555000${String(i).padStart(4, "0")}`, T0 + i))),
    );
    expect(kinds(results)).toEqual({ admitted: 50, refused: 10 });
    for (const r of results) if (r.kind === "refused") expect(r.error.code).toBe("MESSAGING_LIMIT_REACHED");
    const count = async (table: string) =>
      Number(
        (
          await tdb.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count("messages")).toBe(50);
    expect(await count("outbox")).toBe(50);
    expect(await count("conversations")).toBe(50);
    // Each admitted message's `message.queued`, recorded in the transaction that wrote it.
    const admitted = results.flatMap((r) => (r.kind === "admitted" ? [r.message.id] : []));
    expect(queued.sort()).toEqual(admitted.sort());
  });

  it("a customer already reached today is sent to even when the number is full; a service reply is never limited", async () => {
    const w = outboundWriter({ db: tdb.db, dialect, events });
    await Promise.all(Array.from({ length: 50 }, (_, i) => w.write(send(`1666000${String(i).padStart(4, "0")}`, T0))));
    expect((await w.write(send("16660009999", T0 + 1))).kind).toBe("refused");
    expect((await w.write(send("16660000007", T0 + 2))).kind).toBe("admitted");
    expect((await w.write(send("16660009999", T0 + 3, { inWindow: true }))).kind).toBe("admitted");
  });

  it("the same idempotency key in one batch and from another process gives one message; the others are duplicates", async () => {
    const a = outboundWriter({ db: tdb.db, dialect, events });
    const b = outboundWriter({ db: second.db, dialect, events });
    const same = (i: number) => send("17770000001", T0 + i, { idempotencyKey: "order-1", inWindow: true });
    const results = await Promise.all([a.write(same(1)), a.write(same(2)), b.write(same(3)), b.write(same(4))]);
    expect(kinds(results)).toEqual({ admitted: 1, duplicate: 3 });
    const rows = await tdb.db.selectFrom("messages").select("id").where("idempotency_key", "=", "order-1").execute();
    expect(rows).toHaveLength(1);
    expect(await tdb.db.selectFrom("outbox").select("message_id").execute()).toEqual([{ message_id: rows[0]!.id }]);
  });

  it("when the stored count says full, a failure that refunded a customer frees the place at the next recount", async () => {
    const w = outboundWriter({ db: tdb.db, dialect, events });
    const first = await Promise.all(
      Array.from({ length: 50 }, (_, i) => w.write(send(`1888000${String(i).padStart(4, "0")}`, T0))),
    );
    expect(kinds(first)).toEqual({ admitted: 50 });
    expect((await w.write(send("18889999999", T0 + 10))).kind).toBe("refused");
    // Meta refused one of them before delivering it: it reached nobody.
    await tdb.db
      .updateTable("messages")
      .set({ status: "failed", error_code: "META_REJECTED" })
      .where("wa_id", "=", "18880000000")
      .execute();
    // Within a minute of finding the number full the stored count stands; after it, the number is counted again.
    expect((await w.write(send("18889999999", T0 + 20))).kind).toBe("refused");
    expect((await w.write(send("18889999999", T0 + 20 + FULL_RECOUNT_MS))).kind).toBe("admitted");
  });

  it("customers leave the count 24 hours after they were reached", async () => {
    const admit = (waIds: string[], now: number) =>
      tdb.db.transaction().execute((trx) =>
        admitToReach(
          trx,
          { key: "business:biz_unverified", phoneNumberIds: [PHONE.id] },
          waIds.map((waId) => ({ waId, limit: 50 })),
          now,
        ),
      );
    const w = outboundWriter({ db: tdb.db, dialect, events });
    await Promise.all(Array.from({ length: 50 }, (_, i) => w.write(send(`1999000${String(i).padStart(4, "0")}`, T0))));
    expect([...(await admit(["19990009998"], T0 + 1000))]).toEqual([]);
    const dayLater = T0 + 24 * 60 * 60_000 + 1;
    expect([...(await admit(["19990009998", "19990009997"], dayLater))].sort()).toEqual(["19990009997", "19990009998"]);
  });

  it("the reach of a batch's customers is looked up customer by customer, not by a scan of the number's day", async () => {
    const w = outboundWriter({ db: tdb.db, dialect, events });
    await Promise.all(Array.from({ length: 40 }, (_, i) => w.write(send(`1777000${String(i).padStart(4, "0")}`, T0))));
    const portfolio = { key: "business:biz_unverified", phoneNumberIds: [PHONE.id] };
    const waIds = ["17770000003", "17770000039", "17779999999"];
    const query = reachedCustomersQuery(tdb.db, portfolio.phoneNumberIds, waIds, T0 + 1000 - 24 * 60 * 60_000);
    expect((await query.execute()).map((r) => r.wa_id).sort()).toEqual(["17770000003", "17770000039"]);
    if (dialect !== "sqlite") return; // PostgreSQL plans by its statistics; SQLite's choice is fixed by the indexes.
    const compiled = query.compile();
    const plan = await tdb.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
    );
    // messages_portfolio_reach also covers the query, but only by number: its plan ranges over the day.
    expect(plan.rows.map((r) => r.detail).join("\n")).toMatch(
      /USING COVERING INDEX messages_portfolio_reach_customer \(phone_number_id=\? AND wa_id=\?/,
    );
  });

  // Meta's messaging-limits doc: since 2025-10-07 the limit is "calculated and set at the business
  // portfolio level and ... shared by all business phone numbers within a portfolio".
  describe("the limit belongs to the business portfolio, shared by all its numbers", () => {
    const WS_B = "ws_other" as WorkspaceId;
    const phone = (id: string, wabaId: string, businessId: string | null, limit = "TIER_50") => ({
      id,
      messaging_limit: limit,
      display_phone_number: `+1 555-${id.slice(-3)}`,
      waba_id: wabaId,
      business_id: businessId,
    });
    const seed = (ws: string, id: string, wabaId: string, businessId: string | null) =>
      seedConnectedNumber(tdb.db, {
        workspaceId: ws,
        wabaId,
        metaPhoneNumberId: `meta_${id}`,
        phoneNumberId: id,
        ...(businessId ? { businessId } : {}),
        now: T0,
      });
    /** Another number of a WABA already connected to the workspace. */
    const addNumber = (ws: string, id: string, wabaId: string, businessId: string | null) =>
      sql`insert into phone_numbers (id, workspace_id, meta_phone_number_id, waba_id, business_id, display_phone_number, throughput_mps, active, created_at, updated_at) values (${id}, ${ws}, ${`meta_${id}`}, ${wabaId}, ${businessId}, '+1 555 000 0001', 80, 1, ${T0}, ${T0})`.execute(
        tdb.db,
      );

    it("two numbers of one portfolio, held by two workspaces, written from two processes: 60 new customers, exactly 50 admitted", async () => {
      // Two WABAs of one business, each connected to its own workspace.
      await seed(WS, "pn_a1", "waba_a", "biz_shared");
      await seed(WS_B, "pn_b1", "waba_b", "biz_shared");
      const a = outboundWriter({ db: tdb.db, dialect, events });
      const b = outboundWriter({ db: second.db, dialect, events });
      const fromA = phone("pn_a1", "waba_a", "biz_shared");
      const fromB = phone("pn_b1", "waba_b", "biz_shared");
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          i % 2
            ? a.write(send(`1555100${String(i).padStart(4, "0")}`, T0 + i, { from: fromA }))
            : b.write(send(`1555100${String(i).padStart(4, "0")}`, T0 + i, { from: fromB, workspaceId: WS_B })),
        ),
      );
      expect(kinds(results)).toEqual({ admitted: 50, refused: 10 });
      // A customer the portfolio reached from one number may be sent to from the other.
      const reachedFromA = results.findIndex((r, i) => i % 2 === 1 && r.kind === "admitted");
      const again = await b.write(
        send(`1555100${String(reachedFromA).padStart(4, "0")}`, T0 + 100, { from: fromB, workspaceId: WS_B }),
      );
      expect(again.kind).toBe("admitted");
    });

    it("another portfolio has its own limit; a number whose owner business is not known yet shares its WABA's", async () => {
      await seed(WS, "pn_c1", "waba_c", "biz_c");
      await addNumber(WS, "pn_c2", "waba_c", null); // not synced since the owner was read
      await seed(WS_B, "pn_d1", "waba_d", "biz_d");
      const w = outboundWriter({ db: tdb.db, dialect, events });
      const first = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          w.write(send(`1555200${String(i).padStart(4, "0")}`, T0, { from: phone("pn_c1", "waba_c", "biz_c") })),
        ),
      );
      expect(kinds(first)).toEqual({ admitted: 50 });
      expect((await w.write(send("15552009999", T0 + 1, { from: phone("pn_c2", "waba_c", null) }))).kind).toBe(
        "refused",
      );
      const other = await w.write(
        send("15552009999", T0 + 2, { from: phone("pn_d1", "waba_d", "biz_d"), workspaceId: WS_B }),
      );
      expect(other.kind).toBe("admitted");
    });

    it("a larger portfolio tier (TIER_2K) admits past 50 across its numbers", async () => {
      await seed(WS, "pn_e1", "waba_e", "biz_e");
      await addNumber(WS, "pn_e2", "waba_e", "biz_e");
      const w = outboundWriter({ db: tdb.db, dialect, events });
      const results = await Promise.all(
        Array.from({ length: 120 }, (_, i) =>
          w.write(
            send(`1555300${String(i).padStart(4, "0")}`, T0, {
              from: phone(i % 2 ? "pn_e1" : "pn_e2", "waba_e", "biz_e", "TIER_2K"),
            }),
          ),
        ),
      );
      expect(kinds(results)).toEqual({ admitted: 120 });
    });
  });
});
