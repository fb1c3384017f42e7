import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, expect, it } from "vitest";
import { z } from "zod";
import { describeEachDialect, openTestDatabase, type TestDatabase } from "../../../test/support/databases.js";
import { systemClock } from "../clock.js";
import { createSignals, type Signals } from "../db/index.js";
import { defineJob } from "./define-job.js";
import { createJobs, jobsMigrations, type JobQueue } from "./index.js";

const noop = defineJob({ name: "test.noop", payload: z.object({}), maxAttempts: 1, handler: async () => {} });

/**
 * Who a poke wakes. Two queues stand for two processes (on PostgreSQL each with its own listening
 * connection; on SQLite the second one hears nothing, as a process beside it would not).
 */
describeEachDialect("job queue: pokes for jobs and for outbound messages", (dialect) => {
  let tdb: TestDatabase;
  const signals: Signals[] = [];
  let here: JobQueue;
  let there: JobQueue;
  beforeEach(async () => {
    tdb = await openTestDatabase(dialect, jobsMigrations);
    const open = async () => {
      const s = createSignals({ dialect, db: tdb.db, url: tdb.url, schema: tdb.schema });
      await s.start();
      signals.push(s);
      return createJobs({ db: tdb.db, dialect, clock: systemClock, signals: s }).queue;
    };
    here = await open();
    there = await open();
  });
  afterEach(async () => {
    await Promise.all(signals.splice(0).map((s) => s.close()));
    await tdb.cleanup();
  });

  const remote = dialect === "postgres";

  /**
   * How often each kind of listener of each queue was woken by `act`: until the other process's
   * dispatcher heard it (PostgreSQL), then 200 ms more for any wake that should not come.
   */
  async function wakes(act: () => Promise<unknown> | void) {
    const counts = { hereJobs: 0, hereOutbox: 0, thereJobs: 0, thereOutbox: 0 };
    const offs = [
      here.onPoke(() => counts.hereJobs++),
      here.onOutboxPoke(() => counts.hereOutbox++),
      there.onPoke(() => counts.thereJobs++),
      there.onOutboxPoke(() => counts.thereOutbox++),
    ];
    try {
      await act();
      for (const end = Date.now() + 5_000; remote && counts.thereOutbox === 0 && Date.now() < end;) await sleep(10);
      await sleep(200);
    } finally {
      offs.forEach((off) => off());
    }
    return counts;
  }

  it("an outbound poke wakes dispatchers only; here once however many pokes a turn brings", async () => {
    const woken = await wakes(() => {
      for (let i = 0; i < 50; i++) here.pokeOutbox();
    });
    // The other process hears each notification as it arrives, so possibly more than once.
    expect({ ...woken, thereOutbox: Math.min(woken.thereOutbox, 1) }).toEqual({
      hereJobs: 0,
      hereOutbox: 1,
      thereJobs: 0,
      thereOutbox: remote ? 1 : 0,
    });
  });

  it("a job poke and an enqueued job wake job workers and dispatchers", async () => {
    const both = { hereJobs: 1, hereOutbox: 1, thereJobs: remote ? 1 : 0, thereOutbox: remote ? 1 : 0 };
    expect(await wakes(() => here.poke())).toEqual(both);
    expect(await wakes(() => here.enqueue(tdb.db, noop, {}))).toEqual(both);
  });
});
