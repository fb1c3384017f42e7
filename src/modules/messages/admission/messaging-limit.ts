import { sql } from "kysely";
import type { AnyDb, DialectName, Executor } from "../../../platform/db/index.js";
import { typed } from "../../../platform/db/index.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";
import type { MessagesTables } from "../messages.repo.js";

export const DAY_MS = 24 * 60 * 60_000;
/** When a number is full, how long a refusal may rest on the stored count before it is counted again. */
export const FULL_RECOUNT_MS = 60_000;

/**
 * Meta's messaging limit tiers: how many unique customers a number may reach with
 * business-initiated messages in a rolling 24 hours (an unverified business: 50; service
 * conversations inside the window are not counted). Unknown tiers are treated as unlimited.
 */
export function tierLimit(tier: string | null): number {
  const m = /^TIER_(\d+)(K?)$/.exec(tier ?? "");
  if (!m) return Number.POSITIVE_INFINITY;
  return Number(m[1]) * (m[2] === "K" ? 1000 : 1);
}

interface ReachTables extends MessagesTables {
  messaging_reach: { phone_number_id: string; workspace_id: string; reached: number; recount_at: number };
}
const q = (db: AnyDb | Executor) => typed<ReachTables>(db);

/**
 * Business-initiated messages of the number in the rolling day that reached someone (or may yet).
 * `perCustomer`: the query also names customers, and must not range over the day on
 * messages_reach (a scan of the number's whole day): the unary plus keeps SQLite's planner on
 * messages_reach_customer, which finds each customer's few rows.
 */
function reachWindow(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  phoneNumberId: string,
  now: number,
  perCustomer = false,
) {
  return (
    q(db)
      .selectFrom("messages")
      .where("workspace_id", "=", workspaceId)
      .where("phone_number_id", "=", phoneNumberId)
      .where("business_initiated", "=", 1)
      .where(perCustomer ? sql<number>`+created_at` : sql.ref<number>("created_at"), ">", now - DAY_MS)
      // A message refused before Meta saw it reached nobody.
      .where((eb) => eb.or([eb("error_code", "is", null), eb("error_code", "=", "META_DELIVERY_FAILED")]))
  );
}

async function exactReach(db: Executor, workspaceId: WorkspaceId, phoneNumberId: string, now: number): Promise<number> {
  const row = await reachWindow(db, workspaceId, phoneNumberId, now)
    .select((eb) => eb.fn.count<number>("wa_id").distinct().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function alreadyReached(
  db: Executor,
  workspaceId: WorkspaceId,
  phoneNumberId: string,
  waIds: string[],
  now: number,
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < waIds.length; i += 500) {
    const rows = await reachWindow(db, workspaceId, phoneNumberId, now, true)
      .select("wa_id")
      .distinct()
      .where("wa_id", "in", waIds.slice(i, i + 500))
      .execute();
    for (const r of rows) found.add(r.wa_id);
  }
  return found;
}

/**
 * The messaging limit, checked and taken in the transaction that writes the messages: of these
 * customers (in order, repeats allowed), which may be sent a business-initiated message now.
 * Customers already reached in the rolling day are always admitted; new ones while the number has
 * room. Call it once per number per transaction, numbers in ascending id order.
 *
 * Counting the distinct customers of a day grows with the day's traffic, so the count is kept in
 * `messaging_reach` as an upper bound: it is set from an exact count and then only increased as
 * customers are added, while customers leaving the window or refunded by a failure only make the true
 * count smaller. The exact count is taken again when the bound says the number is full, and, while it
 * really is full, at most every FULL_RECOUNT_MS. On PostgreSQL a transaction-scoped advisory lock per
 * number serialises this across processes; SQLite has one writer already.
 */
export async function admitToReach(
  trx: Executor,
  dialect: DialectName,
  workspaceId: WorkspaceId,
  phone: { id: string; messaging_limit: string | null },
  waIds: string[],
  now: number,
): Promise<Set<string>> {
  const limit = tierLimit(phone.messaging_limit);
  const unique = [...new Set(waIds)];
  if (!Number.isFinite(limit) || unique.length === 0) return new Set(unique);
  if (dialect === "postgres") await sql`select pg_advisory_xact_lock(hashtext(${`limit:${phone.id}`}))`.execute(trx);
  const admitted = await alreadyReached(trx, workspaceId, phone.id, unique, now);
  const fresh = unique.filter((w) => !admitted.has(w));
  if (fresh.length === 0) return admitted;

  const stored = await q(trx)
    .selectFrom("messaging_reach")
    .select(["reached", "recount_at"])
    .where("phone_number_id", "=", phone.id)
    .executeTakeFirst();
  let reached = stored ? Number(stored.reached) : -1;
  let recountAt = stored ? Number(stored.recount_at) : 0;
  if (reached < 0 || (reached + fresh.length > limit && now >= recountAt)) {
    reached = await exactReach(trx, workspaceId, phone.id, now);
    recountAt = 0;
  }
  for (const w of fresh) {
    if (reached >= limit) break;
    admitted.add(w);
    reached += 1;
  }
  if (admitted.size < unique.length && recountAt <= now) recountAt = now + FULL_RECOUNT_MS;
  await q(trx)
    .insertInto("messaging_reach")
    .values({ phone_number_id: phone.id, workspace_id: workspaceId, reached, recount_at: recountAt })
    .onConflict((oc) => oc.column("phone_number_id").doUpdateSet({ reached, recount_at: recountAt }))
    .execute();
  return admitted;
}
