import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from "kysely";
import type { AnyDb, DialectName, Executor } from "../db/index.js";
import { hotListQuery, typed } from "../db/index.js";

/** Any table: the primitive only names the columns its description gives it. */
type AnyTables = Record<string, Record<string, unknown>>;
type Row = Record<string, unknown>;
export type QueueWhere = ExpressionBuilder<AnyTables, string>;
type Where = QueueWhere;

/**
 * The shape of one leased queue. The lease columns hold who works on a row and until when; a row
 * whose lease ran out is due again (its worker died or stalled).
 */
/** The lease columns every Wharf queue table names the same way; a table description spreads them. */
export const LEASE_COLUMNS = {
  dueAt: "run_at",
  leaseOwner: "lease_owner",
  leaseUntil: "lease_until",
  attempts: "attempts",
} as const;

/** No lease on the row, or one that ran out by `now` (its worker died or stalled). */
export const leaseFree = (eb: QueueWhere, now: number): Expression<SqlBool> =>
  eb.or([eb(LEASE_COLUMNS.leaseUntil, "is", null), eb(LEASE_COLUMNS.leaseUntil, "<", now)]);

export interface QueueTable {
  table: string;
  id: string;
  /** When the row is due; claims take the oldest first. */
  dueAt: string;
  leaseOwner: string;
  leaseUntil: string;
  /** Counted up by each claim, so a settle can tell a retry from a first run. */
  attempts?: string;
  /** Claims of one partition only (the outbox: one phone number's rows). */
  partition?: string;
  /** Which rows a claim may take at `now`: due and free, or held under a lease that ran out. */
  claimable(eb: Where, now: number): Expression<SqlBool>;
  /**
   * Rows the queue still owes work, whenever due and whoever holds them (the metrics' backlog).
   * Written on the indexed state column: settled rows may stay in the table for days.
   */
  pending(eb: Where): Expression<SqlBool>;
  /** Extra columns a claim sets (e.g. a state). */
  onClaim?(now: number): Row;
  /** The columns that make a row claimable again after `retryAt` or `release` (undoing `onClaim`). */
  onRequeue?: Row;
  /** What `complete` does: delete the row, or update it with these columns. */
  onComplete: "delete" | ((now: number) => Row);
}

export interface ClaimRequest {
  owner: string;
  now: number;
  leaseMs: number;
  limit: number;
  /** The value of `partition`, when the table has one. */
  partition?: string;
  /** A further condition of this claim (the jobs a worker knows how to run). */
  filter?(eb: Where): Expression<SqlBool>;
}

/** A queue at one moment, for /metrics. */
export interface QueueStats {
  /** Rows still owed work: due, scheduled later, or in flight. */
  pending: number;
  /** Rows a claim would take now. */
  due: number;
  /** The due time of the oldest of those, or null when none is due. */
  oldestDueAt: number | null;
  /** Rows held under a live lease, by lease owner. */
  leasedBy: Record<string, number>;
}

/** Every write after a claim answers how many rows it changed: 0 means the lease was lost to another worker. */
export interface LeasedQueue<R> {
  /** Up to `limit` claimable rows in one statement, leased to `owner`. */
  claim(db: AnyDb | Executor, request: ClaimRequest, returning?: readonly string[]): Promise<R[]>;
  complete(executor: Executor, ids: string[], owner: string, now: number): Promise<number>;
  /** Due again at `runAt`, lease cleared; `changes` may record the error or refund the attempt. */
  retryAt(executor: Executor, ids: string[], owner: string, runAt: number, changes?: Row): Promise<number>;
  /** A terminal state written under the lease (`changes` says which). */
  fail(executor: Executor, ids: string[], owner: string, changes: Row): Promise<number>;
  /** Any fenced update that clears the lease (a settle a queue names itself, e.g. `delivered`). */
  settle(executor: Executor, ids: string[], owner: string, changes: Row): Promise<number>;
  renew(executor: Executor, ids: string[], owner: string, until: number): Promise<number>;
  /** Back to the queue now, without counting the attempt (shutdown): another worker may take it at once. */
  release(executor: Executor, ids: string[], owner: string, now: number, changes?: Row): Promise<number>;
  /**
   * Not fenced: clears the lease of whichever rows `filter` selects, whoever holds them (an operator's
   * redelivery; a sweep of rows whose worker died on their last attempt).
   */
  reset(executor: Executor, filter: (eb: Where) => Expression<SqlBool>, changes: Row): Promise<number>;
  /** Depth, lag and lease holders, read (not claimed) at `now`. */
  stats(db: AnyDb, now: number): Promise<QueueStats>;
}

/**
 * Claim, settle, renew and release for a table that several processes work through. PostgreSQL:
 * `UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED)` lets concurrent workers skip each
 * other's rows instead of queueing behind them; SQLite has one writer at a time, so the same
 * statement without the lock clause is already exclusive. Every later write is fenced by the lease
 * owner: a worker whose lease lapsed (and whose row another worker took) changes nothing.
 */
export function leasedQueue<R>(dialect: DialectName, spec: QueueTable): LeasedQueue<R> {
  const q = (db: AnyDb | Executor): Kysely<AnyTables> => typed<AnyTables>(db);
  const cleared = { [spec.leaseOwner]: null, [spec.leaseUntil]: null };

  // Settles run for every batch: per set of changed columns, compiled once per number of ids.
  const fencedHot = new Map<string, ReturnType<typeof hotListQuery>>();
  const completeHot = hotListQuery((db, [ids], [owner]) =>
    q(db).deleteFrom(spec.table).where(spec.id, "in", ids!).where(spec.leaseOwner, "=", owner),
  );

  async function fenced(executor: Executor, ids: string[], owner: string, changes: Row): Promise<number> {
    if (ids.length === 0) return 0;
    const columns = Object.keys(changes);
    const values = columns.map((c) => changes[c]);
    // Plain values only: an expression (`attempts - 1`) is part of the statement, built each time.
    if (values.every((v) => v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean")) {
      const key = columns.join("\u0000");
      let run = fencedHot.get(key);
      if (!run) {
        run = hotListQuery((db, [idSlots], [ownerSlot, ...valueSlots]) =>
          q(db)
            .updateTable(spec.table)
            .set(Object.fromEntries(columns.map((c, i) => [c, valueSlots[i]])))
            .where(spec.id, "in", idSlots!)
            .where(spec.leaseOwner, "=", ownerSlot),
        );
        fencedHot.set(key, run);
      }
      return Number((await run(executor, [ids], [owner, ...values])).numAffectedRows);
    }
    const res = await q(executor)
      .updateTable(spec.table)
      .set(changes)
      .where(spec.id, ids.length === 1 ? "=" : "in", ids.length === 1 ? ids[0] : ids)
      .where(spec.leaseOwner, "=", owner)
      .executeTakeFirst();
    return Number(res.numUpdatedRows);
  }

  return {
    async claim(db, r, returning) {
      if (r.limit <= 0) return [];
      const due = q(db)
        .selectFrom(spec.table)
        .select(spec.id)
        .$if(spec.partition !== undefined, (qb) => qb.where(spec.partition!, "=", r.partition))
        .where((eb) => spec.claimable(eb, r.now))
        .$if(r.filter !== undefined, (qb) => qb.where((eb) => r.filter!(eb)))
        .orderBy(spec.dueAt)
        .limit(r.limit)
        .$if(dialect === "postgres", (qb) => qb.forUpdate().skipLocked());
      const update = q(db)
        .updateTable(spec.table)
        .set({
          ...spec.onClaim?.(r.now),
          [spec.leaseOwner]: r.owner,
          [spec.leaseUntil]: r.now + r.leaseMs,
          ...(spec.attempts ? { [spec.attempts]: sql`${sql.ref(spec.attempts)} + 1` } : {}),
        })
        .where(spec.id, "in", due);
      const rows = returning
        ? await update.returning(returning as string[]).execute()
        : await update.returningAll().execute();
      return rows as R[];
    },

    async complete(executor, ids, owner, now) {
      if (ids.length === 0) return 0;
      if (spec.onComplete !== "delete") return fenced(executor, ids, owner, { ...spec.onComplete(now), ...cleared });
      return Number((await completeHot(executor, [ids], [owner])).numAffectedRows);
    },

    retryAt: (executor, ids, owner, runAt, changes = {}) =>
      fenced(executor, ids, owner, { ...spec.onRequeue, ...changes, [spec.dueAt]: runAt, ...cleared }),
    fail: (executor, ids, owner, changes) => fenced(executor, ids, owner, { ...changes, ...cleared }),
    settle: (executor, ids, owner, changes) => fenced(executor, ids, owner, { ...changes, ...cleared }),
    renew: (executor, ids, owner, until) => fenced(executor, ids, owner, { [spec.leaseUntil]: until }),
    async reset(executor, filter, changes) {
      const res = await q(executor)
        .updateTable(spec.table)
        .set({ ...changes, ...cleared })
        .where(filter)
        .executeTakeFirst();
      return Number(res.numUpdatedRows);
    },
    async stats(db, now) {
      const [pending, due, leased] = await Promise.all([
        q(db)
          .selectFrom(spec.table)
          .select((eb) => eb.fn.countAll().as("n"))
          .where((eb) => spec.pending(eb))
          .executeTakeFirstOrThrow(),
        q(db)
          .selectFrom(spec.table)
          .select((eb) => [eb.fn.countAll().as("n"), eb.fn.min(spec.dueAt).as("oldest")])
          .where((eb) => spec.claimable(eb, now))
          .executeTakeFirstOrThrow(),
        q(db)
          .selectFrom(spec.table)
          .select((eb) => [eb.ref(spec.leaseOwner).as("owner"), eb.fn.countAll().as("n")])
          .where((eb) => spec.pending(eb))
          .where(spec.leaseOwner, "is not", null)
          .where(spec.leaseUntil, ">=", now)
          .groupBy(spec.leaseOwner)
          .execute(),
      ]);
      const oldest = (due as { oldest: unknown }).oldest;
      return {
        pending: Number(pending.n),
        due: Number(due.n),
        oldestDueAt: oldest === null || oldest === undefined ? null : Number(oldest),
        leasedBy: Object.fromEntries(leased.map((r) => [String(r.owner), Number(r.n)])),
      };
    },
    release: (executor, ids, owner, now, changes = {}) =>
      fenced(executor, ids, owner, {
        ...spec.onRequeue,
        ...changes,
        [spec.dueAt]: now,
        ...cleared,
        ...(spec.attempts ? { [spec.attempts]: sql`${sql.ref(spec.attempts)} - 1` } : {}),
      }),
  };
}

/** `attempts - 1`: a retry that was not the row's fault (a rate limit, a shutdown) gives its attempt back. */
export const refundAttempt = (column = "attempts") => ({ [column]: sql`${sql.ref(column)} - 1` });
