import { sql } from "kysely";
import { z } from "zod";
import type { AnyDb } from "../../src/platform/db/index.js";
import { defineJob } from "../../src/platform/jobs/index.js";

/** A side-effect table for job tests: each run of a job leaves one row. */
export async function createEffectsTable(db: AnyDb): Promise<void> {
  await sql`create table job_effects (job_key text not null, attempt integer not null, is_retry integer not null, worker text not null)`.execute(
    db,
  );
}

export async function effects(
  db: AnyDb,
): Promise<Array<{ job_key: string; attempt: number; is_retry: number; worker: string }>> {
  const res = await sql<{
    job_key: string;
    attempt: number;
    is_retry: number;
    worker: string;
  }>`select * from job_effects`.execute(db);
  return res.rows.map((r) => ({ ...r, attempt: Number(r.attempt), is_retry: Number(r.is_retry) }));
}

/** A job that takes `ms` and then records that it ran (after the wait, so a killed run leaves nothing). */
export function slowRecordingJob(db: AnyDb, worker: string) {
  return defineJob({
    name: "test.slow-record",
    payload: z.object({ key: z.string(), ms: z.number() }),
    maxAttempts: 5,
    backoff: () => 10,
    async handler(payload, ctx) {
      await new Promise((r) => setTimeout(r, payload.ms));
      await sql`insert into job_effects (job_key, attempt, is_retry, worker) values (${payload.key}, ${ctx.attempt}, ${ctx.isRetry ? 1 : 0}, ${worker})`.execute(
        db,
      );
    },
  });
}
