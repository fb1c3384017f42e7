import { sql } from "kysely";
import type { AnyDb, Executor } from "../../platform/db/index.js";
import { typed } from "../../platform/db/index.js";

interface Tables {
  /** One dispatcher owns a phone number at a time, across processes: it alone sends from it. */
  dispatch_leases: { phone_number_id: string; owner: string; lease_until: number };
  /** Each running dispatcher, renewed with its leases: how many share the numbers. */
  dispatch_workers: { owner: string; seen_until: number };
  /**
   * Pair rate state a number's next owner must know (see `PairRate`): per customer, when a message
   * may next go, for the customers sent to far enough ahead. Rows are dropped once past.
   */
  dispatch_pair_rates: { phone_number_id: string; wa_id: string; tat: number };
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);

/**
 * Takes the lease on a number: succeeds when nobody holds it, it is ours, or its holder's lease
 * ended more than `quietMs` ago. The quiet time is Meta's throughput span: the last owner's sends
 * (started before its lease ended, answered by then) no longer count in the second the new owner
 * starts in, so it may start from an empty window. One statement each, so two processes cannot
 * both win.
 */
// cross-tenant: dispatch leases are per phone number and per dispatcher, whoever's numbers they are
export async function acquireNumberLease(
  db: AnyDb,
  phoneNumberId: string,
  owner: string,
  now: number,
  leaseMs: number,
  quietMs: number,
): Promise<boolean> {
  await q(db)
    .insertInto("dispatch_leases")
    .values({ phone_number_id: phoneNumberId, owner, lease_until: now + leaseMs })
    .onConflict((oc) => oc.column("phone_number_id").doNothing())
    .execute();
  const res = await q(db)
    .updateTable("dispatch_leases")
    .set({ owner, lease_until: now + leaseMs })
    .where("phone_number_id", "=", phoneNumberId)
    .where((eb) => eb.or([eb("owner", "=", owner), eb("lease_until", "<", now - quietMs)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/**
 * Renews the leases this owner still holds among `numbers` and its heartbeat; the numbers it still
 * holds (one another process took after a lapse is gone for good, whatever this one believes).
 */
// cross-tenant: dispatch leases are per phone number and per dispatcher, whoever's numbers they are
export async function renewNumberLeases(
  db: AnyDb,
  owner: string,
  numbers: string[],
  until: number,
): Promise<Set<string>> {
  await q(db)
    .insertInto("dispatch_workers")
    .values({ owner, seen_until: until })
    .onConflict((oc) => oc.column("owner").doUpdateSet({ seen_until: until }))
    .execute();
  if (numbers.length === 0) return new Set();
  const rows = await q(db)
    .updateTable("dispatch_leases")
    .set({ lease_until: until })
    .where("owner", "=", owner)
    .where("phone_number_id", "in", numbers)
    .returning("phone_number_id")
    .execute();
  return new Set(rows.map((r) => r.phone_number_id));
}

/**
 * Lets numbers go: their leases end at `endedAt`, and another dispatcher may take each once the
 * quiet time after it passed (`acquireNumberLease`). A number's throughput window lives in its
 * owner's memory (the new owner starts from zero), so the caller lets go only once its sends were
 * answered. Without `numbers`, all of this owner's, and its heartbeat ends.
 */
// cross-tenant: dispatch leases are per phone number and per dispatcher, whoever's numbers they are
export async function releaseNumberLeases(
  db: AnyDb,
  owner: string,
  endedAt: number,
  numbers?: string[],
): Promise<void> {
  if (numbers?.length === 0) return;
  await q(db)
    .updateTable("dispatch_leases")
    .set({ lease_until: endedAt })
    .where("owner", "=", owner)
    .$if(numbers !== undefined, (qb) => qb.where("phone_number_id", "in", numbers!))
    .execute();
  if (!numbers) await q(db).deleteFrom("dispatch_workers").where("owner", "=", owner).execute();
}

/** What a dispatcher needs to know to take its share: live dispatchers and numbers leased now. */
// cross-tenant: dispatch leases are per phone number and per dispatcher, whoever's numbers they are
export async function assignmentView(
  db: AnyDb,
  now: number,
): Promise<{ liveWorkers: number; leased: Map<string, string> }> {
  const [workers, leases] = await Promise.all([
    q(db)
      .selectFrom("dispatch_workers")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("seen_until", ">=", now)
      .executeTakeFirst(),
    q(db).selectFrom("dispatch_leases").select(["phone_number_id", "owner"]).where("lease_until", ">=", now).execute(),
  ]);
  return {
    liveWorkers: Number(workers?.n ?? 0),
    leased: new Map(leases.map((l) => [l.phone_number_id, l.owner])),
  };
}

/** Heartbeats of dispatchers that died without a goodbye, long after anyone could count them. */
// cross-tenant: dispatch leases are per phone number and per dispatcher, whoever's numbers they are
export async function purgeDeadWorkers(db: AnyDb, before: number): Promise<void> {
  await q(db).deleteFrom("dispatch_workers").where("seen_until", "<", before).execute();
}

/** Live number leases by owner (for /metrics: which worker sends for how many numbers). */
// cross-tenant: dispatch leases are per phone number and per dispatcher, whoever's numbers they are
export async function numberLeaseOwners(db: AnyDb, now: number): Promise<Record<string, number>> {
  const rows = await q(db)
    .selectFrom("dispatch_leases")
    .select((eb) => ["owner", eb.fn.countAll().as("n")])
    .where("lease_until", ">=", now)
    .groupBy("owner")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.owner, Number(r.n)]));
}

/**
 * Writes pair rate state for the number's next owner, in the transaction of the batch's outcomes.
 * A pair's time only moves forward: a stalled former owner writing late cannot lower it.
 */
// cross-tenant: dispatch state is per phone number, whoever's number it is
export async function savePairRates(
  executor: Executor,
  phoneNumberId: string,
  pairs: ReadonlyArray<{ waId: string; tat: number }>,
): Promise<void> {
  if (pairs.length === 0) return;
  await q(executor)
    .insertInto("dispatch_pair_rates")
    .values(pairs.map((p) => ({ phone_number_id: phoneNumberId, wa_id: p.waId, tat: p.tat })))
    .onConflict((oc) =>
      oc
        .columns(["phone_number_id", "wa_id"])
        .doUpdateSet({ tat: sql<number>`excluded.tat` })
        .where(sql<boolean>`excluded.tat > dispatch_pair_rates.tat`),
    )
    .execute();
}

/** The pair rate state handed over for a number being taken over at `now` (past rows are dropped). */
// cross-tenant: dispatch state is per phone number, whoever's number it is
export async function takePairRates(
  db: AnyDb,
  phoneNumberId: string,
  now: number,
): Promise<Array<{ waId: string; tat: number }>> {
  await q(db)
    .deleteFrom("dispatch_pair_rates")
    .where("phone_number_id", "=", phoneNumberId)
    .where("tat", "<", now)
    .execute();
  const rows = await q(db)
    .selectFrom("dispatch_pair_rates")
    .select(["wa_id", "tat"])
    .where("phone_number_id", "=", phoneNumberId)
    .execute();
  return rows.map((r) => ({ waId: r.wa_id, tat: Number(r.tat) }));
}
