import http from "node:http";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { allMigrations } from "../../main.js";
import { manualClock } from "../../platform/clock.js";
import { createVault, generateMasterKey, staticKeyring } from "../../platform/crypto/index.js";
import { asWorkspaceId } from "../../platform/workspace-id.js";
import { purgeDeliveries } from "./deliveries.repo.js";
import { createDeliveryWorker, RETRY_FOR_MS } from "./delivery-worker.js";
import { createEndpoint, listDeliveries } from "./manage-endpoints.js";
import { recordOutboundEvent, verifyDeliverySignature } from "./index.js";
import { isPrivateAddress } from "./target-guard.js";

const WS = asWorkspaceId("ws_a");
let server: http.Server;
let url: string;
const hits: Array<{ body: string; signature: string }> = [];
let answer = 500;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c)).on("end", () => {
      hits.push({ body, signature: String(req.headers["wharf-signature"]) });
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describeEachDialect("events out: signed deliveries, retried with backoff for a day, logged", (dialect) => {
  let tdb: TestDatabase;
  const clock = manualClock(Date.UTC(2026, 4, 1));
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, allMigrations);
    hits.length = 0;
    answer = 500;
    await sql`insert into workspaces (id, name, created_at, updated_at) values (${WS}, 'A', 0, 0)`.execute(tdb.db).catch(() => undefined);
  });
  afterEach(() => tdb.cleanup());

  it("retries a failing endpoint with growing delays, then gives up a day after the event; every attempt is in the log", async () => {
    const keyring = staticKeyring(generateMasterKey());
    const vault = createVault({ db: tdb.db, keyring, clock });
    await tdb.db.transaction().execute((trx) => vault.createDataKey(trx, WS));
    const ep = await createEndpoint({ db: tdb.db, vault, clock }, WS, { url, events: ["message.received"] });
    const worker = createDeliveryWorker({ db: tdb.db, dialect: tdb.dialect, vault, clock }, { pollMs: 1000, random: () => 1, allowPrivateTargets: true });
    await tdb.db.transaction().execute((trx) => recordOutboundEvent(trx, WS, { type: "message.received", at: clock.now(), data: { n: 1 } }));
    // Not subscribed: nothing is owed for it.
    expect(await tdb.db.transaction().execute((trx) => recordOutboundEvent(trx, WS, { type: "message.status", at: clock.now(), data: {} }))).toBeNull();

    const delays: number[] = [];
    for (let i = 0; i < 60; i++) {
      if ((await worker.runOnce()) === 0) break;
      const row = (await sql<{ run_at: number; state: string }>`select run_at, state from webhook_deliveries`.execute(tdb.db)).rows[0]!;
      if (row.state !== "pending") break;
      delays.push(Number(row.run_at) - clock.now());
      clock.set(Number(row.run_at));
    }
    expect(delays.slice(0, 4)).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(Math.max(...delays)).toBe(3_600_000);
    const page = await listDeliveries(tdb.db, WS, ep.id, { limit: 10 });
    expect(page.data[0]!.state).toBe("failed");
    expect(page.data[0]!.attempts.length).toBe(hits.length);
    expect(page.data[0]!.attempts.every((a) => a.status === 500)).toBe(true);
    expect(clock.now() - page.data[0]!.createdAt).toBeLessThanOrEqual(RETRY_FOR_MS);
    expect(clock.now() - page.data[0]!.createdAt).toBeGreaterThan(RETRY_FOR_MS - 3_600_000);
    for (const h of hits) expect(verifyDeliverySignature(h.body, h.signature, ep.secret, clock.now(), RETRY_FOR_MS)).toEqual({ ok: true });
    expect(new Set(hits.map((h) => JSON.parse(h.body).id)).size).toBe(1);

    expect(await purgeDeliveries(tdb.db, clock.now() + 1)).toBe(1);
    expect((await listDeliveries(tdb.db, WS, ep.id, { limit: 10 })).data).toEqual([]);
    expect(Number((await sql<{ n: number }>`select count(*) as n from webhook_delivery_attempts`.execute(tdb.db)).rows[0]!.n)).toBe(0);
  });
});

describeEachDialect("events out: no deliveries to private or local addresses outside sandbox mode", (dialect) => {
  let tdb: TestDatabase;
  const clock = manualClock(Date.UTC(2026, 4, 1));
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, allMigrations);
    hits.length = 0;
  });
  afterEach(() => tdb.cleanup());

  it("refuses the delivery without sending it, and says why in the log", async () => {
    const vault = createVault({ db: tdb.db, keyring: staticKeyring(generateMasterKey()), clock });
    await tdb.db.transaction().execute((trx) => vault.createDataKey(trx, WS));
    const ep = await createEndpoint({ db: tdb.db, vault, clock }, WS, { url, events: ["*"] });
    const worker = createDeliveryWorker({ db: tdb.db, dialect: tdb.dialect, vault, clock }, { pollMs: 1000 });
    await tdb.db.transaction().execute((trx) => recordOutboundEvent(trx, WS, { type: "message.received", at: clock.now(), data: {} }));
    expect(await worker.runOnce()).toBe(1);
    expect(hits).toEqual([]);
    const d = (await listDeliveries(tdb.db, WS, ep.id, { limit: 1 })).data[0]!;
    expect(d.state).toBe("failed");
    expect(d.attempts[0]!.error).toContain("private or local address");
    for (const ip of ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "100.64.0.1"]) expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ["8.8.8.8", "172.32.0.1", "2606:4700::1111", "100.128.0.1"]) expect(isPrivateAddress(ip), ip).toBe(false);
  });
});
