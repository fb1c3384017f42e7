import { sql } from "kysely";
import type { AnyDb, DialectName, Executor } from "../db/index.js";
import { typed } from "../db/index.js";

export interface JobRow {
  id: string;
  name: string;
  payload: string;
  status: "queued" | "running" | "failed";
  run_at: number;
  attempts: number;
  max_attempts: number;
  lease_owner: string | null;
  lease_until: number | null;
  last_error: string | null;
  dedupe_key: string | null;
  workspace_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface JobTables {
  jobs: JobRow;
}

export type ClaimedJob = Pick<JobRow, "id" | "name" | "payload" | "attempts" | "max_attempts" | "workspace_id">;

/**
 * The SQL of the job table, shared by both dialects. Every write after the claim is fenced by
 * `lease_owner`: a worker whose lease expired (and whose job another worker took) changes nothing.
 */
export function jobStore(rawDb: AnyDb, dialect: DialectName) {
  const db = typed<JobTables>(rawDb);

  return {
    async insert(executor: Executor, row: JobRow): Promise<boolean> {
      const res = await typed<JobTables>(executor)
        .insertInto("jobs")
        .values(row)
        .onConflict((oc) => oc.column("dedupe_key").doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
    },

    /** Takes up to `limit` due jobs (or jobs whose holder's lease ran out) in one statement. */
    async claim(names: string[], owner: string, now: number, leaseMs: number, limit: number): Promise<ClaimedJob[]> {
      if (names.length === 0 || limit <= 0) return [];
      const due = db
        .selectFrom("jobs")
        .select("id")
        .where("name", "in", names)
        .where((eb) =>
          eb.or([
            eb.and([eb("status", "=", "queued"), eb("run_at", "<=", now)]),
            eb.and([eb("status", "=", "running"), eb("lease_until", "<", now), eb("attempts", "<", eb.ref("max_attempts"))]),
          ]),
        )
        .orderBy("run_at")
        .limit(limit)
        // PostgreSQL: concurrent workers skip each other's rows instead of queueing behind them.
        // SQLite has one writer at a time, so the statement is already exclusive.
        .$if(dialect === "postgres", (qb) => qb.forUpdate().skipLocked());
      return db
        .updateTable("jobs")
        .set({ status: "running", lease_owner: owner, lease_until: now + leaseMs, attempts: sql`attempts + 1`, updated_at: now })
        .where("id", "in", due)
        .returning(["id", "name", "payload", "attempts", "max_attempts", "workspace_id"])
        .execute();
    },

    async complete(id: string, owner: string): Promise<boolean> {
      const res = await db.deleteFrom("jobs").where("id", "=", id).where("lease_owner", "=", owner).executeTakeFirst();
      return Number(res.numDeletedRows) > 0;
    },

    async reschedule(id: string, owner: string, runAt: number, now: number): Promise<boolean> {
      const res = await db
        .updateTable("jobs")
        .set({ status: "queued", run_at: runAt, attempts: 0, lease_owner: null, lease_until: null, last_error: null, updated_at: now })
        .where("id", "=", id)
        .where("lease_owner", "=", owner)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },

    async retryLater(id: string, owner: string, runAt: number, error: string, now: number, refundAttempt = false): Promise<void> {
      await db
        .updateTable("jobs")
        .set({
          status: "queued",
          run_at: runAt,
          lease_owner: null,
          lease_until: null,
          last_error: error,
          updated_at: now,
          ...(refundAttempt ? { attempts: sql`attempts - 1` } : {}),
        })
        .where("id", "=", id)
        .where("lease_owner", "=", owner)
        .execute();
    },

    /** Terminal failure; the dedupe key is freed so a new job of the same kind can be scheduled. */
    async fail(id: string, owner: string, error: string, now: number): Promise<void> {
      await db
        .updateTable("jobs")
        .set({ status: "failed", lease_owner: null, lease_until: null, last_error: error, dedupe_key: null, updated_at: now })
        .where("id", "=", id)
        .where("lease_owner", "=", owner)
        .execute();
    },

    async extendLeases(ids: string[], owner: string, until: number): Promise<void> {
      if (ids.length === 0) return;
      await db.updateTable("jobs").set({ lease_until: until }).where("id", "in", ids).where("lease_owner", "=", owner).execute();
    },

    /** Jobs whose worker died on their final attempt would otherwise sit in `running` forever. */
    async failExhausted(now: number): Promise<number> {
      const res = await db
        .updateTable("jobs")
        .set({ status: "failed", last_error: "lease expired on the final attempt (worker died?)", lease_owner: null, dedupe_key: null, updated_at: now })
        .where("status", "=", "running")
        .where("lease_until", "<", now)
        .where((eb) => eb("attempts", ">=", eb.ref("max_attempts")))
        .executeTakeFirst();
      return Number(res.numUpdatedRows);
    },
  };
}

export type JobStore = ReturnType<typeof jobStore>;
