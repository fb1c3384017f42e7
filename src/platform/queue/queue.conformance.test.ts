import { spawn } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { queueCases, queueMigrations, type Claimed, type QueueCase } from "../../../test/support/queue-cases.js";
import { randomToken } from "../crypto/index.js";
import { openDatabase, type AnyDb, type Database, type DialectName } from "../db/index.js";

const LEASE_MS = 10_000;
// In the past, so the child process (which claims at the wall clock) sees these rows as due.
const T0 = 1_700_000_000_000;

/**
 * The properties every leased queue must keep, checked on each of the four (jobs, outbox, webhook
 * events, webhook deliveries) through its own production claim.
 */
describeEachDialect("leased queues: claims, leases and fencing", (dialect) => {
  let tdb: TestDatabase;
  // A second handle on the same storage: another process's connection pool, as far as the database can tell.
  let other: Database;
  beforeAll(async () => {
    tdb = await openTestDatabase(dialect, queueMigrations);
    other = openDatabase({ url: tdb.url, dataDir: tdb.dataDir, schema: tdb.schema, poolSize: 5 });
  });
  afterAll(async () => {
    await other.close();
    await tdb.cleanup();
  });

  for (const queue of queueCases) {
    describe(queue.name, () => {
      let ids: string[];
      const leases = () => queue.leases(dialect);
      const claimAll = (db: AnyDb, owner: string, now: number) => queue.claim(db, dialect, owner, now, LEASE_MS, 1_000);
      beforeEach(async () => {
        // Each test gets rows of its own, due at T0, and claims far after the rows of the tests before it.
        ids = Array.from({ length: 10 }, (_, i) => `q_${randomToken(6)}_${i}`);
        await drain(tdb.db, queue, dialect);
        await queue.add(tdb.db, ids, T0);
      });

      it("two handles claiming side by side take every row once", async () => {
        const more = Array.from({ length: 50 }, (_, i) => `q_${randomToken(6)}_m${i}`);
        await queue.add(tdb.db, more, T0);
        const [a, b] = await Promise.all([claimLoop(tdb.db, "A"), claimLoop(other.db, "B")]);
        const all = [...a, ...b].map((r) => r.id);
        expect(new Set(all).size).toBe(all.length);
        expect(new Set(all)).toEqual(new Set([...ids, ...more]));
      });

      it("a leased row is not claimed again while its lease runs", async () => {
        expect((await claimAll(tdb.db, "A", T0)).length).toBe(10);
        expect(await claimAll(other.db, "B", T0 + LEASE_MS - 1)).toEqual([]);
      });

      it("a lapsed lease is fenced out: the old owner's settle, retry and renew change nothing", async () => {
        await claimAll(tdb.db, "A", T0);
        const taken = await claimAll(other.db, "B", T0 + LEASE_MS + 1);
        expect(sorted(taken)).toEqual([...ids].sort());
        expect(await leases().complete(tdb.db, ids, "A", T0 + LEASE_MS + 2)).toBe(0);
        expect(await leases().retryAt(tdb.db, ids, "A", T0)).toBe(0);
        expect(await leases().renew(tdb.db, ids, "A", T0 + 10 * LEASE_MS)).toBe(0);
        expect(await leases().release(tdb.db, ids, "A", T0)).toBe(0);
        // Still B's: nobody can take the rows before B's lease runs out, and B can settle them.
        expect(await claimAll(tdb.db, "C", T0 + LEASE_MS + 3)).toEqual([]);
        expect(await leases().complete(other.db, ids, "B", T0 + LEASE_MS + 4)).toBe(10);
      });

      it("a worker that dies mid-batch: what it settled stays settled, the rest comes back after the lease", async () => {
        await claimAll(tdb.db, "A", T0);
        const settled = ids.slice(0, 4);
        expect(await leases().complete(tdb.db, settled, "A", T0 + 1)).toBe(4);
        expect(await claimAll(other.db, "B", T0 + 2)).toEqual([]);
        const back = await claimAll(other.db, "B", T0 + LEASE_MS + 1);
        expect(sorted(back)).toEqual(ids.slice(4).sort());
        expect(back.every((r) => r.attempts === 2)).toBe(true);
      });

      it("renew extends the lease", async () => {
        await claimAll(tdb.db, "A", T0);
        expect(await leases().renew(tdb.db, ids, "A", T0 + 3 * LEASE_MS)).toBe(10);
        expect(await claimAll(other.db, "B", T0 + LEASE_MS + 1)).toEqual([]);
        expect((await claimAll(other.db, "B", T0 + 3 * LEASE_MS + 1)).length).toBe(10);
      });

      it("release returns the rows at once, without spending the attempt", async () => {
        await claimAll(tdb.db, "A", T0);
        expect(await leases().release(tdb.db, ids, "A", T0 + 1)).toBe(10);
        const again = await claimAll(other.db, "B", T0 + 1);
        expect(sorted(again)).toEqual([...ids].sort());
        expect(again.every((r) => r.attempts === 1)).toBe(true);
      });

      it("retry-at makes the rows due again at that time, not before", async () => {
        await claimAll(tdb.db, "A", T0);
        expect(await leases().retryAt(tdb.db, ids, "A", T0 + 500)).toBe(10);
        expect(await claimAll(other.db, "B", T0 + 499)).toEqual([]);
        expect((await claimAll(other.db, "B", T0 + 500)).length).toBe(10);
      });

      it("stats (for /metrics): rows owed, rows due with the oldest due time, and live leases by owner", async () => {
        expect(await leases().stats(tdb.db, T0 - 1)).toEqual({ pending: 10, due: 0, oldestDueAt: null, leasedBy: {} });
        expect(await leases().stats(tdb.db, T0 + 100)).toEqual({ pending: 10, due: 10, oldestDueAt: T0, leasedBy: {} });
        const a = await queue.claim(tdb.db, dialect, "A", T0, LEASE_MS, 3);
        await queue.claim(other.db, dialect, "B", T0, LEASE_MS, 2);
        expect(await leases().stats(other.db, T0 + 1)).toEqual({
          pending: 10,
          due: 5,
          oldestDueAt: T0,
          leasedBy: { A: 3, B: 2 },
        });
        expect(await leases().complete(tdb.db, sorted(a), "A", T0 + 2)).toBe(3);
        // Settled rows are owed nothing; B's lapsed lease makes its rows due again, held by nobody.
        expect(await leases().stats(tdb.db, T0 + LEASE_MS + 1)).toEqual({
          pending: 7,
          due: 7,
          oldestDueAt: T0,
          leasedBy: {},
        });
      });

      it("claims race across two processes: each row goes to one of them", async () => {
        const more = Array.from({ length: 290 }, (_, i) => `q_${randomToken(6)}_p${i}`);
        await queue.add(tdb.db, more, 0);
        const child = spawn(
          process.execPath,
          [
            "--import",
            "tsx",
            "test/support/queue-claim-child.ts",
            tdb.url ?? "-",
            tdb.dataDir,
            tdb.schema ?? "-",
            queue.name,
            "child",
          ],
          { stdio: ["pipe", "pipe", "inherit"] },
        );
        let out = "";
        const ready = new Promise<void>((resolve, reject) => {
          child.stdout.on("data", (d: Buffer) => {
            out += d.toString();
            if (out.includes("ready")) resolve();
          });
          child.on("exit", (code) => reject(new Error(`child exited early (${code})`)));
        });
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        await ready;
        child.stdin.write("go\n");
        const mine: string[] = [];
        for (;;) {
          const rows = await queue.claim(tdb.db, dialect, "parent", Date.now(), 60_000, 5);
          if (rows.length === 0) break;
          mine.push(...rows.map((r) => r.id));
          await new Promise((r) => setTimeout(r, 1));
        }
        await exited;
        const theirs = JSON.parse(/claimed (.*)/.exec(out)![1]!) as string[];
        // Which process wins how many rows depends on scheduling (on a loaded machine one of them can
        // take all of them): what must hold is that no row went to both and none was lost.
        const all = [...mine, ...theirs];
        expect(new Set(all).size).toBe(all.length);
        expect(new Set(all)).toEqual(new Set([...ids, ...more]));
      }, 60_000);

      async function claimLoop(db: AnyDb, owner: string): Promise<Claimed[]> {
        const got: Claimed[] = [];
        for (;;) {
          const rows = await queue.claim(db, dialect, owner, T0, LEASE_MS, 3);
          if (rows.length === 0) return got;
          got.push(...rows);
          await new Promise((r) => setImmediate(r));
        }
      }
    });
  }
});

const sorted = (rows: Claimed[]) => rows.map((r) => r.id).sort();

/** Rows left leased by an earlier test are taken far in the future and settled, so each test starts clean. */
async function drain(db: AnyDb, queue: QueueCase, dialect: DialectName): Promise<void> {
  const owner = `drain_${randomToken(4)}`;
  const rows = await queue.claim(db, dialect, owner, 4_000_000_000_000, 1, 100_000);
  await queue.leases(dialect).complete(
    db,
    rows.map((r) => r.id),
    owner,
    0,
  );
}
