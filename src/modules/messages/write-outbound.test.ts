import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { allMigrations } from "../../main.js";
import { newId } from "../../platform/crypto/index.js";
import { openDatabase, type Database } from "../../platform/db/index.js";
import { FULL_RECOUNT_MS, admitToReach } from "./messaging-limit.js";
import type { MessageRow } from "./messages.repo.js";
import { outboundWriter, type OutboundWrite, type WriteResult } from "./write-outbound.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

const WS = "ws_test" as WorkspaceId;
const PHONE = { id: "pn_unverified", messaging_limit: "TIER_50", display_phone_number: "+1 555-012-3456" };
const T0 = Date.UTC(2026, 11, 1);

function send(waId: string, at: number, extra: Partial<MessageRow> = {}): OutboundWrite {
  const row: MessageRow = {
    id: newId("msg", at), workspace_id: WS, direction: "outbound", phone_number_id: PHONE.id, wa_id: waId, type: "template",
    content: "{}", status: "queued", status_rank: 0, wamid: null, context_wamid: null, campaign_id: null, template_name: "t",
    template_language: "en_US", template_category: "UTILITY", business_initiated: 1, idempotency_key: null, request_hash: null,
    error_code: null, error_message: null, meta_error_code: null, meta_error_title: null, fbtrace_id: null, meta_timestamp: null,
    created_at: at, updated_at: at, ...extra,
  };
  return { row, phone: PHONE };
}
const kinds = (results: WriteResult[]) => results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.kind]: (acc[r.kind] ?? 0) + 1 }), {});

describeEachDialect("outbound writes: group commit, messaging limit, idempotency", (dialect) => {
  let tdb: TestDatabase;
  let second: Database;
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
    const a = outboundWriter({ db: tdb.db, dialect });
    const b = outboundWriter({ db: second.db, dialect });
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).write(send(`1555000${String(i).padStart(4, "0")}`, T0 + i))));
    expect(kinds(results)).toEqual({ written: 50, refused: 10 });
    for (const r of results) if (r.kind === "refused") expect(r.error.code).toBe("MESSAGING_LIMIT_REACHED");
    const count = async (table: string) => Number((await tdb.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    expect(await count("messages")).toBe(50);
    expect(await count("outbox")).toBe(50);
    expect(await count("conversations")).toBe(50);
  });

  it("a customer already reached today is sent to even when the number is full; a service reply is never limited", async () => {
    const w = outboundWriter({ db: tdb.db, dialect });
    await Promise.all(Array.from({ length: 50 }, (_, i) => w.write(send(`1666000${String(i).padStart(4, "0")}`, T0))));
    expect((await w.write(send("16660009999", T0 + 1))).kind).toBe("refused");
    expect((await w.write(send("16660000007", T0 + 2))).kind).toBe("written");
    expect((await w.write(send("16660009999", T0 + 3, { business_initiated: 0 }))).kind).toBe("written");
  });

  it("the same idempotency key in one batch and from another process gives one message; the others are duplicates", async () => {
    const a = outboundWriter({ db: tdb.db, dialect });
    const b = outboundWriter({ db: second.db, dialect });
    const same = (i: number) => send("17770000001", T0 + i, { idempotency_key: "order-1", business_initiated: 0 });
    const results = await Promise.all([a.write(same(1)), a.write(same(2)), b.write(same(3)), b.write(same(4))]);
    expect(kinds(results)).toEqual({ written: 1, duplicate: 3 });
    const rows = await tdb.db.selectFrom("messages").select("id").where("idempotency_key", "=", "order-1").execute();
    expect(rows).toHaveLength(1);
    expect(await tdb.db.selectFrom("outbox").select("message_id").execute()).toEqual([{ message_id: rows[0]!.id }]);
  });

  it("when the stored count says full, a failure that refunded a customer frees the place at the next recount", async () => {
    const w = outboundWriter({ db: tdb.db, dialect });
    const first = await Promise.all(Array.from({ length: 50 }, (_, i) => w.write(send(`1888000${String(i).padStart(4, "0")}`, T0))));
    expect(kinds(first)).toEqual({ written: 50 });
    expect((await w.write(send("18889999999", T0 + 10))).kind).toBe("refused");
    // Meta refused one of them before delivering it: it reached nobody.
    await tdb.db.updateTable("messages").set({ status: "failed", error_code: "META_REJECTED" }).where("wa_id", "=", "18880000000").execute();
    // Within a minute of finding the number full the stored count stands; after it, the number is counted again.
    expect((await w.write(send("18889999999", T0 + 20))).kind).toBe("refused");
    expect((await w.write(send("18889999999", T0 + 20 + FULL_RECOUNT_MS))).kind).toBe("written");
  });

  it("customers leave the count 24 hours after they were reached", async () => {
    const admit = (waIds: string[], now: number) => tdb.db.transaction().execute((trx) => admitToReach(trx, dialect, WS, PHONE, waIds, now));
    const w = outboundWriter({ db: tdb.db, dialect });
    await Promise.all(Array.from({ length: 50 }, (_, i) => w.write(send(`1999000${String(i).padStart(4, "0")}`, T0))));
    expect([...(await admit(["19990009998"], T0 + 1000))]).toEqual([]);
    const dayLater = T0 + 24 * 60 * 60_000 + 1;
    expect([...(await admit(["19990009998", "19990009997"], dayLater))].sort()).toEqual(["19990009997", "19990009998"]);
  });
});
