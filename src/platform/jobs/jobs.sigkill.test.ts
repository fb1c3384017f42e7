import { spawn } from "node:child_process";
import { afterEach, beforeEach, expect, it } from "vitest";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { createEffectsTable, effects, slowRecordingJob } from "../../../test/support/test-jobs.js";
import { systemClock } from "../clock.js";
import { typed } from "../db/index.js";
import { createJobs, jobsMigrations, type JobTables } from "./index.js";

const LEASE_MS = 1_500;

describeEachDialect("jobs survive a worker killed with SIGKILL", (dialect) => {
  let tdb: TestDatabase;
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, jobsMigrations);
    await createEffectsTable(tdb.db);
  });
  afterEach(() => tdb.cleanup());

  it("every job completes after the lease; none is lost; reclaimed runs know they are retries", async () => {
    const jobs = createJobs({ db: tdb.db, dialect, clock: systemClock });
    const def = slowRecordingJob(tdb.db, "parent");
    await tdb.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 40; i++) await jobs.queue.enqueue(trx, def, { key: `job-${i}`, ms: 300 });
    });

    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "test/support/job-worker-child.ts",
        tdb.url ?? "-",
        tdb.dataDir,
        tdb.schema ?? "-",
        String(LEASE_MS),
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const owner = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        const m = /ready (\S+)/.exec(d.toString());
        if (m) resolve(m[1]!);
      });
      child.on("exit", (code) => reject(new Error(`child exited early (${code})`)));
    });

    // Kill it while it holds jobs mid-run.
    const held = async () =>
      (
        await typed<JobTables>(tdb.db)
          .selectFrom("jobs")
          .select("id")
          .where("lease_owner", "=", owner)
          .where("status", "=", "running")
          .execute()
      ).length;
    while ((await held()) < 5) await new Promise((r) => setTimeout(r, 10));
    const heldAtKill = await held();
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));

    const worker = jobs.createWorker([def], { concurrency: 10, pollMs: 20, leaseMs: LEASE_MS });
    worker.start();
    const deadline = Date.now() + 30_000;
    while ((await typed<JobTables>(tdb.db).selectFrom("jobs").select("id").execute()).length > 0) {
      if (Date.now() > deadline) throw new Error("jobs did not drain");
      await new Promise((r) => setTimeout(r, 50));
    }
    await worker.stop(1_000);

    const done = await effects(tdb.db);
    const keys = new Set(done.map((d) => d.job_key));
    expect(keys.size).toBe(40);
    const retried = done.filter((d) => d.worker === "parent" && d.is_retry === 1);
    // Every job the child held when it died ran again here, seen as a retry.
    expect(retried.length).toBeGreaterThanOrEqual(1);
    expect(retried.length).toBeLessThanOrEqual(heldAtKill);
  }, 60_000);
});
