import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { allMigrations } from "../../main.js";
import type { SendMessageRequest } from "../../graph/index.js";
import { openDatabase, type Database } from "../../platform/db/index.js";
import type { TemplateForSend } from "../templates/index.js";
import type { OutboundIntent } from "./admission/index.js";
import { FULL_RECOUNT_MS, admitToReach } from "./admission/messaging-limit.js";
import { outboundWriter, type WriteResult } from "./write-outbound.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

const WS = "ws_test" as WorkspaceId;
const PHONE = { id: "pn_unverified", messaging_limit: "TIER_50", display_phone_number: "+1 555-012-3456" };
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
function send(waId: string, at: number, extra: { inWindow?: boolean; idempotencyKey?: string } = {}): OutboundIntent {
  const body = {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    to: `+${waId}`,
    type: "template",
    template: { name: "t", language: { code: "en_US" } },
  } as SendMessageRequest;
  return {
    workspaceId: WS,
    phone: PHONE,
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
  });

  it("a customer already reached today is sent to even when the number is full; a service reply is never limited", async () => {
    const w = outboundWriter({ db: tdb.db, dialect });
    await Promise.all(Array.from({ length: 50 }, (_, i) => w.write(send(`1666000${String(i).padStart(4, "0")}`, T0))));
    expect((await w.write(send("16660009999", T0 + 1))).kind).toBe("refused");
    expect((await w.write(send("16660000007", T0 + 2))).kind).toBe("admitted");
    expect((await w.write(send("16660009999", T0 + 3, { inWindow: true }))).kind).toBe("admitted");
  });

  it("the same idempotency key in one batch and from another process gives one message; the others are duplicates", async () => {
    const a = outboundWriter({ db: tdb.db, dialect });
    const b = outboundWriter({ db: second.db, dialect });
    const same = (i: number) => send("17770000001", T0 + i, { idempotencyKey: "order-1", inWindow: true });
    const results = await Promise.all([a.write(same(1)), a.write(same(2)), b.write(same(3)), b.write(same(4))]);
    expect(kinds(results)).toEqual({ admitted: 1, duplicate: 3 });
    const rows = await tdb.db.selectFrom("messages").select("id").where("idempotency_key", "=", "order-1").execute();
    expect(rows).toHaveLength(1);
    expect(await tdb.db.selectFrom("outbox").select("message_id").execute()).toEqual([{ message_id: rows[0]!.id }]);
  });

  it("when the stored count says full, a failure that refunded a customer frees the place at the next recount", async () => {
    const w = outboundWriter({ db: tdb.db, dialect });
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
      tdb.db.transaction().execute((trx) => admitToReach(trx, dialect, WS, PHONE, waIds, now));
    const w = outboundWriter({ db: tdb.db, dialect });
    await Promise.all(Array.from({ length: 50 }, (_, i) => w.write(send(`1999000${String(i).padStart(4, "0")}`, T0))));
    expect([...(await admit(["19990009998"], T0 + 1000))]).toEqual([]);
    const dayLater = T0 + 24 * 60 * 60_000 + 1;
    expect([...(await admit(["19990009998", "19990009997"], dayLater))].sort()).toEqual(["19990009997", "19990009998"]);
  });
});
