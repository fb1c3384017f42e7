import http from "node:http";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import type { DialectName } from "../../platform/db/index.js";
import { allMigrations } from "../../main.js";
import { manualClock } from "../../platform/clock.js";
import { createVault, generateMasterKey, staticKeyring } from "../../platform/crypto/index.js";
import { asWorkspaceId } from "../../platform/workspace-id.js";
import { purgeDeliveries } from "./deliveries.repo.js";
import { createDeliveryWorker, RETRY_FOR_MS } from "./delivery-worker.js";
import { createEndpoint, listDeliveries } from "./manage-endpoints.js";
import { recordOutboundEvent, verifyDeliverySignature } from "./index.js";
import { createTargetGuard, type Resolve } from "./target-guard.js";

const WS = asWorkspaceId("ws_a");
/** Creation as in sandbox mode (anything goes): these tests are about what the worker does at delivery time. */
const anyTarget = createTargetGuard({ allowPrivate: true, ownOrigin: null });
let server: http.Server;
let url: string;
const hits: Array<{ body: string; signature: string; path: string }> = [];
let answer = 500;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req
      .on("data", (c) => (body += c))
      .on("end", () => {
        hits.push({ body, signature: String(req.headers["wharf-signature"]), path: String(req.url) });
        res.writeHead(answer, answer === 302 ? { location: "/followed" } : {}).end();
      });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/**
 * Each test of a suite: a fresh database with workspace WS, the target's hits cleared and its
 * answer set to `status`. The suite reads the database through `use`.
 */
function eachTest(dialect: DialectName, status: number, use: (tdb: TestDatabase) => void) {
  let tdb: TestDatabase;
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, allMigrations);
    use(tdb);
    hits.length = 0;
    answer = status;
    await sql`insert into workspaces (id, name, created_at, updated_at) values (${WS}, 'A', 0, 0)`
      .execute(tdb.db)
      .catch(() => undefined);
  });
  afterEach(() => tdb.cleanup());
}

describeEachDialect("events out: signed deliveries, retried with backoff for a day, logged", (dialect) => {
  let tdb: TestDatabase;
  const clock = manualClock(Date.UTC(2026, 4, 1));
  eachTest(dialect, 500, (t) => (tdb = t));

  it("retries a failing endpoint with growing delays, then gives up a day after the event; every attempt is in the log", async () => {
    const keyring = staticKeyring(generateMasterKey());
    const vault = createVault({ db: tdb.db, keyring, clock });
    await tdb.db.transaction().execute((trx) => vault.createDataKey(trx, WS));
    const ep = await createEndpoint({ db: tdb.db, vault, clock, targets: anyTarget }, WS, {
      url,
      events: ["message.received"],
    });
    const worker = createDeliveryWorker(
      { db: tdb.db, dialect: tdb.dialect, vault, clock },
      { pollMs: 1000, random: () => 1, allowPrivateTargets: true },
    );
    await tdb.db
      .transaction()
      .execute((trx) => recordOutboundEvent(trx, WS, { type: "message.received", at: clock.now(), data: { n: 1 } }));
    // Not subscribed: nothing is owed for it.
    expect(
      await tdb.db
        .transaction()
        .execute((trx) => recordOutboundEvent(trx, WS, { type: "message.status", at: clock.now(), data: {} })),
    ).toBeNull();

    const delays: number[] = [];
    for (let i = 0; i < 60; i++) {
      if ((await worker.runOnce()) === 0) break;
      const row = (
        await sql<{ run_at: number; state: string }>`select run_at, state from webhook_deliveries`.execute(tdb.db)
      ).rows[0]!;
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
    for (const h of hits)
      expect(verifyDeliverySignature(h.body, h.signature, ep.secret, clock.now(), RETRY_FOR_MS)).toEqual({ ok: true });
    expect(new Set(hits.map((h) => JSON.parse(h.body).id)).size).toBe(1);

    expect(await purgeDeliveries(tdb.db, clock.now() + 1)).toBe(1);
    expect((await listDeliveries(tdb.db, WS, ep.id, { limit: 10 })).data).toEqual([]);
    expect(
      Number(
        (await sql<{ n: number }>`select count(*) as n from webhook_delivery_attempts`.execute(tdb.db)).rows[0]!.n,
      ),
    ).toBe(0);
  });
});

describeEachDialect("events out: no deliveries to private or local addresses outside sandbox mode", (dialect) => {
  let tdb: TestDatabase;
  const clock = manualClock(Date.UTC(2026, 4, 1));
  eachTest(dialect, 200, (t) => (tdb = t));

  async function deliverOnce(target: string, options: Parameters<typeof createDeliveryWorker>[1]) {
    const vault = createVault({ db: tdb.db, keyring: staticKeyring(generateMasterKey()), clock });
    await tdb.db.transaction().execute((trx) => vault.createDataKey(trx, WS));
    // Stored before the guard or before DNS changed: the worker must not trust what creation checked.
    const ep = await createEndpoint({ db: tdb.db, vault, clock, targets: anyTarget }, WS, {
      url: target,
      events: ["*"],
    });
    const worker = createDeliveryWorker({ db: tdb.db, dialect: tdb.dialect, vault, clock }, options);
    await tdb.db
      .transaction()
      .execute((trx) => recordOutboundEvent(trx, WS, { type: "message.received", at: clock.now(), data: {} }));
    try {
      expect(await worker.runOnce()).toBe(1);
    } finally {
      await worker.stop();
    }
    return (await listDeliveries(tdb.db, WS, ep.id, { limit: 1 })).data[0]!;
  }
  const port = () => new URL(url).port;
  const resolverOf = (answers: string[][]) => {
    const calls: string[] = [];
    const resolve: Resolve = async (host) => {
      calls.push(host);
      return (answers[Math.min(calls.length - 1, answers.length - 1)] ?? []).map((address) => ({
        address,
        family: 4 as const,
      }));
    };
    return { resolve, calls };
  };

  it("refuses a literal loopback address without sending, and says why in the log", async () => {
    const d = await deliverOnce(url, { pollMs: 1000 });
    expect(hits).toEqual([]);
    expect(d.state).toBe("failed");
    expect(d.attempts[0]!.error).toContain("private or local address");
  });

  it("refuses a name that resolves to loopback, and ends the delivery (a private address stays private)", async () => {
    const { resolve } = resolverOf([["127.0.0.1"]]);
    const d = await deliverOnce(`http://hooks.example.test:${port()}/hook`, { pollMs: 1000, resolve });
    expect(hits).toEqual([]);
    expect(d.state).toBe("failed");
    expect(d.attempts[0]!.error).toBe(
      "refused: hooks.example.test is a private or local address (127.0.0.1: loopback)",
    );
  });

  it("a name that does not resolve is refused, not waved through (fail closed), and logged as a failed attempt", async () => {
    const resolve: Resolve = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    };
    const d = await deliverOnce(`http://gone.example.test:${port()}/hook`, { pollMs: 1000, resolve });
    expect(hits).toEqual([]);
    expect(d.attempts[0]).toMatchObject({
      status: null,
      error: expect.stringMatching(/^refused: gone.example.test could not be resolved \(ENOTFOUND\)/),
    });
    // DNS may come back: it is retried on the usual backoff, and checked again each time.
    expect(d.state).toBe("pending");
  });

  it("a rebinding resolver (public, then loopback) never gets a socket to loopback: the name is resolved once and the connection goes to the vetted address", async () => {
    const { resolve, calls } = resolverOf([["8.8.8.8"], ["127.0.0.1"]]);
    const d = await deliverOnce(`http://rebind.example.test:${port()}/hook`, { pollMs: 1000, resolve, timeoutMs: 500 });
    expect(hits).toEqual([]);
    expect(calls).toEqual(["rebind.example.test"]);
    expect(d.attempts[0]!.status).toBeNull();
    // The socket went to the address that was checked (refused or unanswered, depending on the network here).
    expect(d.attempts[0]!.error).toMatch(/8\.8\.8\.8|no answer within/);
    expect(d.attempts[0]!.error).not.toContain("127.0.0.1");
  });

  it("a name goes through the guard's lookup to a real socket (sandbox: loopback allowed); a redirect is an answer, never followed", async () => {
    const { resolve, calls } = resolverOf([["127.0.0.1"]]);
    answer = 302;
    const d = await deliverOnce(`http://hooks.example.test:${port()}/hook`, {
      pollMs: 1000,
      resolve,
      allowPrivateTargets: true,
    });
    expect(calls).toEqual(["hooks.example.test"]);
    expect(hits.map((h) => h.path)).toEqual(["/hook"]);
    expect(d.attempts[0]).toMatchObject({ status: 302, error: "HTTP 302" });
  });

  it("in sandbox mode private targets are fine, but never Wharf's own /_meta, however the path is spelled", async () => {
    // The test's receiver stands in for Wharf: its port is "our" port.
    const own = { port: Number(port()), publicUrl: `http://localhost:${port()}` };
    const vault = createVault({ db: tdb.db, keyring: staticKeyring(generateMasterKey()), clock });
    await tdb.db.transaction().execute((trx) => vault.createDataKey(trx, WS));
    const paths = [
      "/_meta/_emulator/reset",
      "/%5Fmeta/_emulator/reset",
      "/./_META/_emulator/reset",
      "/x/%2e%2e/_meta/_emulator/reset",
    ];
    const endpoints = [];
    for (const path of paths)
      endpoints.push(
        await createEndpoint({ db: tdb.db, vault, clock, targets: anyTarget }, WS, {
          url: `http://localhost.:${port()}${path}`,
          events: ["*"],
        }),
      );
    const fine = await createEndpoint({ db: tdb.db, vault, clock, targets: anyTarget }, WS, { url, events: ["*"] });
    const worker = createDeliveryWorker(
      { db: tdb.db, dialect: tdb.dialect, vault, clock },
      { pollMs: 1000, allowPrivateTargets: true, ownOrigin: own },
    );
    await tdb.db
      .transaction()
      .execute((trx) => recordOutboundEvent(trx, WS, { type: "message.received", at: clock.now(), data: {} }));
    expect(await worker.runOnce()).toBe(paths.length + 1);
    await worker.stop();
    expect(hits.map((h) => h.path)).toEqual(["/hook"]);
    expect((await listDeliveries(tdb.db, WS, fine.id, { limit: 1 })).data[0]!.state).toBe("delivered");
    for (const ep of endpoints) {
      const d = (await listDeliveries(tdb.db, WS, ep.id, { limit: 1 })).data[0]!;
      expect(d.state, ep.url).toBe("failed");
      expect(d.attempts[0]!.error).toContain("/_meta");
    }
  });
});
