import type { AnyDb, DialectName, Executor } from "../db/index.js";
import { typed } from "../db/index.js";
import { LEASE_COLUMNS, leasedQueue, refundAttempt, type LeasedQueue } from "../queue/index.js";

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

const CLAIMED = ["id", "name", "payload", "attempts", "max_attempts", "workspace_id"] as const;

/** The jobs table as a leased queue: due jobs, and jobs whose worker's lease ran out while attempts remain. */
export function jobLeases(dialect: DialectName): LeasedQueue<ClaimedJob> {
  return leasedQueue<ClaimedJob>(dialect, {
    table: "jobs",
    id: "id",
    ...LEASE_COLUMNS,
    pending: (eb) => eb("status", "in", ["queued", "running"]),
    claimable: (eb, now) =>
      eb.or([
        eb.and([eb("status", "=", "queued"), eb("run_at", "<=", now)]),
        eb.and([
          eb("status", "=", "running"),
          eb("lease_until", "<", now),
          eb("attempts", "<", eb.ref("max_attempts")),
        ]),
      ]),
    onClaim: (now) => ({ status: "running", updated_at: now }),
    onRequeue: { status: "queued" },
    onComplete: "delete",
  });
}

/**
 * The SQL of the job table, shared by both dialects. Every write after the claim is fenced by
 * `lease_owner`: a worker whose lease expired (and whose job another worker took) changes nothing.
 */
export function jobStore(rawDb: AnyDb, dialect: DialectName) {
  const db = typed<JobTables>(rawDb);
  const jobs = jobLeases(dialect);

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
      if (names.length === 0) return [];
      return jobs.claim(db, { owner, now, leaseMs, limit, filter: (eb) => eb("name", "in", names) }, CLAIMED);
    },

    complete: async (id: string, owner: string): Promise<boolean> => (await jobs.complete(db, [id], owner, 0)) > 0,

    reschedule: async (id: string, owner: string, runAt: number, now: number): Promise<boolean> =>
      (await jobs.retryAt(db, [id], owner, runAt, {
        status: "queued",
        attempts: 0,
        last_error: null,
        updated_at: now,
      })) > 0,

    async retryLater(
      id: string,
      owner: string,
      runAt: number,
      error: string,
      now: number,
      refund = false,
    ): Promise<void> {
      await jobs.retryAt(db, [id], owner, runAt, {
        status: "queued",
        last_error: error,
        updated_at: now,
        ...(refund ? refundAttempt() : {}),
      });
    },

    /** Terminal failure; the dedupe key is freed so a new job of the same kind can be scheduled. */
    async fail(id: string, owner: string, error: string, now: number): Promise<void> {
      await jobs.fail(db, [id], owner, { status: "failed", last_error: error, dedupe_key: null, updated_at: now });
    },

    async extendLeases(ids: string[], owner: string, until: number): Promise<void> {
      await jobs.renew(db, ids, owner, until);
    },

    /** Jobs whose worker died on their final attempt would otherwise sit in `running` forever. */
    failExhausted: (now: number): Promise<number> =>
      jobs.reset(
        db,
        (eb) =>
          eb.and([
            eb("status", "=", "running"),
            eb("lease_until", "<", now),
            eb("attempts", ">=", eb.ref("max_attempts")),
          ]),
        {
          status: "failed",
          last_error: "lease expired on the final attempt (worker died?)",
          dedupe_key: null,
          updated_at: now,
        },
      ),
  };
}

export type JobStore = ReturnType<typeof jobStore>;
