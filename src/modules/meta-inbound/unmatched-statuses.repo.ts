import type { ExpressionBuilder } from "kysely";
import type { AnyDb, Executor } from "../../platform/db/index.js";
import { typed } from "../../platform/db/index.js";

export interface UnmatchedStatusRow {
  meta_phone_number_id: string;
  wamid: string;
  status: string;
  waba_id: string;
  payload: string;
  state: "waiting" | "flagged";
  attempts: number;
  run_at: number;
  event_id: string;
  created_at: number;
}

interface Tables {
  unmatched_statuses: UnmatchedStatusRow;
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);

/**
 * A status Meta re-delivers while it is still waiting is the same row: the primary key absorbs it.
 * Re-delivered after it was flagged, it is tried again (its message may exist by now).
 */
// cross-tenant: a status Meta sent before its message was known: not yet routed to a workspace
export async function insertUnmatched(executor: Executor, row: UnmatchedStatusRow): Promise<void> {
  await q(executor)
    .insertInto("unmatched_statuses")
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(["meta_phone_number_id", "wamid", "status"])
        .doUpdateSet({ state: "waiting", attempts: 0, run_at: row.run_at })
        .where("unmatched_statuses.state", "=", "flagged"),
    )
    .execute();
}

// cross-tenant: retries of statuses not yet routed to a workspace
export async function dueUnmatched(db: AnyDb, now: number, limit: number): Promise<UnmatchedStatusRow[]> {
  return q(db)
    .selectFrom("unmatched_statuses")
    .selectAll()
    .where("state", "=", "waiting")
    .where("run_at", "<=", now)
    .orderBy("run_at")
    .limit(limit)
    .execute();
}

type Key = Pick<UnmatchedStatusRow, "meta_phone_number_id" | "wamid" | "status">;
const byKey = (k: Key) => (eb: ExpressionBuilder<Tables, "unmatched_statuses">) =>
  eb.and([
    eb("meta_phone_number_id", "=", k.meta_phone_number_id),
    eb("wamid", "=", k.wamid),
    eb("status", "=", k.status),
  ]);

// cross-tenant: statuses not yet routed to a workspace
export async function deleteUnmatched(executor: Executor, key: Key): Promise<void> {
  await q(executor).deleteFrom("unmatched_statuses").where(byKey(key)).execute();
}

/** Conditional on the attempt count read, so two workers retrying the same row count it once. */
// cross-tenant: statuses not yet routed to a workspace
export async function postponeUnmatched(
  executor: Executor,
  key: Key & { attempts: number },
  next: { runAt: number; flagged: boolean },
): Promise<void> {
  await q(executor)
    .updateTable("unmatched_statuses")
    .set({ attempts: key.attempts + 1, run_at: next.runAt, state: next.flagged ? "flagged" : "waiting" })
    .where(byKey(key))
    .where("attempts", "=", key.attempts)
    .execute();
}

// cross-tenant: operator statistics
export async function countUnmatched(db: AnyDb): Promise<Record<string, number>> {
  const rows = await q(db)
    .selectFrom("unmatched_statuses")
    .select(["state", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("state")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}
