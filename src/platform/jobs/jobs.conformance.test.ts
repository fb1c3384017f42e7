import { afterEach, beforeEach, expect, it } from "vitest";
import { z } from "zod";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { createEffectsTable, effects, slowRecordingJob } from "../../../test/support/test-jobs.js";
import { manualClock, systemClock } from "../clock.js";
import { typed } from "../db/index.js";
import { createJobs, defineJob, DeferJob, jobsMigrations, type JobTables, type Worker } from "./index.js";

const until = async (check: () => Promise<boolean>, timeoutMs = 10_000) => {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("condition not reached in time");
};

describeEachDialect("jobs conformance", (dialect) => {
  let tdb: TestDatabase;
  const workers: Worker[] = [];
  const opts = { concurrency: 4, pollMs: 10, leaseMs: 5_000 };
  const jobRows = () => typed<JobTables>(tdb.db).selectFrom("jobs").selectAll().execute();
  /** A started worker for `defs`, stopped after the test. */
  type Jobs = ReturnType<typeof createJobs>;
  const startWorker = (jobs: Jobs, defs: Parameters<Jobs["createWorker"]>[0]) => {
    const w = jobs.createWorker(defs, opts);
    workers.push(w);
    w.start();
    return w;
  };

  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, jobsMigrations);
    await createEffectsTable(tdb.db);
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop(0)));
    await tdb.cleanup();
  });

  it("writes a job in the caller's transaction: rolled back, it never runs; committed, it runs once", async () => {
    const jobs = createJobs({ db: tdb.db, dialect, clock: systemClock });
    const def = slowRecordingJob(tdb.db, "w");
    await expect(
      tdb.db.transaction().execute(async (trx) => {
        await jobs.queue.enqueue(trx, def, { key: "rolled-back", ms: 0 });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    await tdb.db.transaction().execute((trx) => jobs.queue.enqueue(trx, def, { key: "committed", ms: 0 }));
    startWorker(jobs, [def]);
    await until(async () => (await effects(tdb.db)).length === 1);
    expect((await effects(tdb.db)).map((e) => e.job_key)).toEqual(["committed"]);
    await until(async () => (await jobRows()).length === 0);
  });

  it("does not run a job before its run_at", async () => {
    const clock = manualClock(Date.now());
    const jobs = createJobs({ db: tdb.db, dialect, clock });
    const def = slowRecordingJob(tdb.db, "w");
    await jobs.queue.enqueue(tdb.db, def, { key: "later", ms: 0 }, { delayMs: 60_000 });
    startWorker(jobs, [def]);
    await new Promise((r) => setTimeout(r, 150));
    expect(await effects(tdb.db)).toHaveLength(0);
    clock.advance(60_000);
    await until(async () => (await effects(tdb.db)).length === 1);
  });

  it("retries failures with backoff, and the handler sees that it is a retry", async () => {
    const seen: Array<{ attempt: number; isRetry: boolean }> = [];
    const def = defineJob({
      name: "test.flaky",
      payload: z.object({}),
      maxAttempts: 5,
      backoff: (attempt) => attempt * 5,
      async handler(_p, ctx) {
        seen.push({ attempt: ctx.attempt, isRetry: ctx.isRetry });
        if (ctx.attempt < 3) throw new Error(`boom ${ctx.attempt}`);
      },
    });
    const jobs = createJobs({ db: tdb.db, dialect, clock: systemClock });
    await jobs.queue.enqueue(tdb.db, def, {});
    startWorker(jobs, [def]);
    await until(async () => (await jobRows()).length === 0);
    expect(seen).toEqual([
      { attempt: 1, isRetry: false },
      { attempt: 2, isRetry: true },
      { attempt: 3, isRetry: true },
    ]);
  });

  it("fails at once on a non-retryable error and after max attempts otherwise, keeping the error", async () => {
    const permanent = defineJob({
      name: "test.permanent",
      payload: z.object({}),
      async handler() {
        throw Object.assign(new Error("bad request"), { retryable: false });
      },
    });
    const exhausted = defineJob({
      name: "test.exhausted",
      payload: z.object({}),
      maxAttempts: 2,
      backoff: () => 1,
      async handler() {
        throw new Error("still down");
      },
    });
    const jobs = createJobs({ db: tdb.db, dialect, clock: systemClock });
    await jobs.queue.enqueue(tdb.db, permanent, {});
    await jobs.queue.enqueue(tdb.db, exhausted, {});
    startWorker(jobs, [permanent, exhausted]);
    await until(async () => (await jobRows()).every((r) => r.status === "failed"));
    const rows = await jobRows();
    expect(rows.find((r) => r.name === "test.permanent")).toMatchObject({ attempts: 1, last_error: "bad request" });
    expect(rows.find((r) => r.name === "test.exhausted")).toMatchObject({ attempts: 2, last_error: "still down" });
  });

  it("defers without spending an attempt", async () => {
    let calls = 0;
    const def = defineJob({
      name: "test.defer",
      payload: z.object({}),
      maxAttempts: 1,
      async handler(_p, ctx) {
        calls++;
        if (calls < 3) throw new DeferJob(5, "waiting for reconnect");
        expect(ctx.attempt).toBe(1);
      },
    });
    const jobs = createJobs({ db: tdb.db, dialect, clock: systemClock });
    await jobs.queue.enqueue(tdb.db, def, {});
    startWorker(jobs, [def]);
    await until(async () => (await jobRows()).length === 0);
    expect(calls).toBe(3);
  });

  it("keeps one pending job per dedupe key", async () => {
    const jobs = createJobs({ db: tdb.db, dialect, clock: systemClock });
    const def = slowRecordingJob(tdb.db, "w");
    expect(await jobs.queue.enqueue(tdb.db, def, { key: "a", ms: 0 }, { dedupeKey: "k" })).toBe(true);
    expect(await jobs.queue.enqueue(tdb.db, def, { key: "b", ms: 0 }, { dedupeKey: "k" })).toBe(false);
    expect(await jobRows()).toHaveLength(1);
  });

  it("rejects a malformed payload at enqueue time", async () => {
    const jobs = createJobs({ db: tdb.db, dialect, clock: systemClock });
    const def = slowRecordingJob(tdb.db, "w");
    await expect(jobs.queue.enqueue(tdb.db, def, { key: 1 } as never)).rejects.toThrow();
    expect(await jobRows()).toHaveLength(0);
  });

  it("two workers on one database run each of 200 jobs exactly once", async () => {
    const jobs = createJobs({ db: tdb.db, dialect, clock: systemClock });
    const second = await openSecondHandle(tdb);
    try {
      const jobs2 = createJobs({ db: second.db, dialect, clock: systemClock });
      const defA = slowRecordingJob(tdb.db, "a");
      const defB = slowRecordingJob(second.db, "b");
      await tdb.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 200; i++) await jobs.queue.enqueue(trx, defA, { key: `k${i}`, ms: 1 });
      });
      const a = jobs.createWorker([defA], { ...opts, concurrency: 8 });
      const b = jobs2.createWorker([defB], { ...opts, concurrency: 8 });
      workers.push(a, b);
      a.start();
      b.start();
      await until(async () => (await jobRows()).length === 0, 20_000);
      const done = await effects(tdb.db);
      expect(done).toHaveLength(200);
      expect(new Set(done.map((d) => d.job_key)).size).toBe(200);
      expect(new Set(done.map((d) => d.worker))).toEqual(new Set(["a", "b"]));
    } finally {
      await second.close();
    }
  });

  it("runs a job again after the lease of a worker that died expires, as a retry", async () => {
    const jobs = createJobs({ db: tdb.db, dialect, clock: systemClock });
    const def = slowRecordingJob(tdb.db, "survivor");
    await jobs.queue.enqueue(tdb.db, def, { key: "orphan", ms: 0 });
    // A worker claims it and vanishes: simulate by claiming with a lease that ends in 200 ms.
    await typed<JobTables>(tdb.db)
      .updateTable("jobs")
      .set({ status: "running", lease_owner: "dead-worker", lease_until: Date.now() + 200, attempts: 1 })
      .execute();
    startWorker(jobs, [def]);
    await new Promise((r) => setTimeout(r, 100));
    expect(await effects(tdb.db)).toHaveLength(0);
    await until(async () => (await effects(tdb.db)).length === 1);
    expect((await effects(tdb.db))[0]).toMatchObject({ job_key: "orphan", attempt: 2, is_retry: 1 });
  });

  it("shutdown finishes what it can within the grace period and releases the rest", async () => {
    const jobs = createJobs({ db: tdb.db, dialect, clock: systemClock });
    const def = slowRecordingJob(tdb.db, "w");
    await jobs.queue.enqueue(tdb.db, def, { key: "quick", ms: 50 });
    await jobs.queue.enqueue(tdb.db, def, { key: "slow", ms: 5_000 });
    const w = jobs.createWorker([def], opts);
    w.start();
    await until(async () => (await jobRows()).filter((r) => r.status === "running").length === 2);
    await w.stop(300);
    expect((await effects(tdb.db)).map((e) => e.job_key)).toEqual(["quick"]);
    const left = await jobRows();
    expect(left).toHaveLength(1);
    // Released for another worker, with the attempt refunded.
    expect(left[0]).toMatchObject({ status: "queued", lease_owner: null, attempts: 0 });
  });

  it("runs a recurring job again after its interval, keeping a single row", async () => {
    let runs = 0;
    const def = defineJob({
      name: "test.recurring",
      payload: z.object({}),
      everyMs: 20,
      async handler() {
        runs++;
      },
    });
    const jobs = createJobs({ db: tdb.db, dialect, clock: systemClock });
    await jobs.scheduleRecurring([def]);
    await jobs.scheduleRecurring([def]);
    expect(await jobRows()).toHaveLength(1);
    startWorker(jobs, [def]);
    await until(async () => runs >= 3);
    expect(await jobRows()).toHaveLength(1);
  });
});

async function openSecondHandle(tdb: TestDatabase) {
  const { openDatabase } = await import("../db/index.js");
  return openDatabase({ url: tdb.url, dataDir: tdb.dataDir, schema: tdb.schema, poolSize: 5 });
}
