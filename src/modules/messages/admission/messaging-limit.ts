import { sql } from "kysely";
import type { AnyDb, Executor } from "../../../platform/db/index.js";
import { hotListQuery, hotQuery, typed } from "../../../platform/db/index.js";
import type { MessagesTables } from "../messages.repo.js";

export const DAY_MS = 24 * 60 * 60_000;
/** When a portfolio is full, how long a refusal may rest on the stored count before it is counted again. */
export const FULL_RECOUNT_MS = 60_000;

/**
 * Meta's messaging limit: how many unique customers a business portfolio may reach with
 * business-initiated messages in a moving 24 hours, shared by every number of the portfolio
 * (messaging-limits doc, since 2025-10-07): TIER_250 → TIER_2K → TIER_10K → TIER_100K →
 * TIER_UNLIMITED, TIER_50 for an unverified business, the older TIER_1K still parsed. Service
 * messages inside a customer's window are not counted. Unknown tiers (UNTIERED) are unlimited.
 */
export function tierLimit(tier: string | null): number {
  const m = /^TIER_(\d+)(K?)$/.exec(tier ?? "");
  if (!m) return Number.POSITIVE_INFINITY;
  return Number(m[1]) * (m[2] === "K" ? 1000 : 1);
}

interface ReachTables extends MessagesTables {
  portfolio_reach: { portfolio_key: string; reached: number; recount_at: number };
}
const q = (db: AnyDb | Executor) => typed<ReachTables>(db);

/** The portfolio: its key and every number Wharf holds of it (ours, pn_…, in any workspace). */
export interface Portfolio {
  key: string;
  phoneNumberIds: string[];
}

/**
 * Business-initiated messages of the portfolio's numbers in the moving day that reached someone
 * (or may yet). `perCustomer`: the query also names customers, and must not range over the day on
 * messages_portfolio_reach (a scan of the day): the unary plus keeps SQLite's planner off that
 * range, and messages_portfolio_reach_customer covers every column the query reads, so the planner
 * takes it and finds each customer's few rows (`reachedCustomersQuery`'s test checks the plan).
 */
function reachWindow(db: AnyDb | Executor, phoneNumberIds: string[], since: number, perCustomer = false) {
  return (
    q(db)
      .selectFrom("messages")
      .where("phone_number_id", "in", phoneNumberIds)
      .where("business_initiated", "=", 1)
      .where(perCustomer ? sql<number>`+created_at` : sql.ref<number>("created_at"), ">", since)
      // A message refused before Meta saw it reached nobody.
      .where((eb) => eb.or([eb("error_code", "is", null), eb("error_code", "=", "META_DELIVERY_FAILED")]))
  );
}

/** Unique customers the portfolio reached business-initiated in the moving 24 hours: its usage of the limit. */
// cross-tenant: the messaging limit belongs to Meta's business portfolio, whose numbers several workspaces may hold
export async function portfolioReach(db: AnyDb | Executor, portfolio: Portfolio, now: number): Promise<number> {
  const row = await reachWindow(db, portfolio.phoneNumberIds, now - DAY_MS)
    .select((eb) => eb.fn.count<number>("wa_id").distinct().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Which of these customers (at most 500) the portfolio's numbers reached since `since`. */
// cross-tenant: the messaging limit belongs to Meta's business portfolio, whose numbers several workspaces may hold
export function reachedCustomersQuery(db: AnyDb | Executor, phoneNumberIds: string[], waIds: string[], since: number) {
  return reachWindow(db, phoneNumberIds, since, true).select("wa_id").distinct().where("wa_id", "in", waIds);
}

// Run for every writer batch: built by Kysely each time, the query cost more than running it.
const reachedCustomersHot = hotListQuery((db, [phoneNumberIds, waIds], [since]) =>
  reachedCustomersQuery(db, phoneNumberIds as string[], waIds as string[], since as number),
);

async function alreadyReached(db: Executor, portfolio: Portfolio, waIds: string[], now: number): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < waIds.length; i += 500) {
    const res = await reachedCustomersHot(db, [portfolio.phoneNumberIds, waIds.slice(i, i + 500)], [now - DAY_MS]);
    for (const r of res.rows) found.add(r.wa_id);
  }
  return found;
}

// Both once per writer batch and portfolio.
const takeReachHot = hotQuery((db, [key]: [string]) =>
  q(db)
    .insertInto("portfolio_reach")
    .values({ portfolio_key: key, reached: -1, recount_at: 0 })
    .onConflict((oc) =>
      oc.column("portfolio_key").doUpdateSet((eb) => ({ reached: eb.ref("portfolio_reach.reached") })),
    )
    .returning(["reached", "recount_at"]),
);
const storeReachHot = hotQuery((db, [key, reached, recountAt]: [string, number, number]) =>
  q(db)
    .insertInto("portfolio_reach")
    .values({ portfolio_key: key, reached, recount_at: recountAt })
    .onConflict((oc) => oc.column("portfolio_key").doUpdateSet({ reached, recount_at: recountAt })),
);

/**
 * The messaging limit, checked and taken in the transaction that writes the messages: of these
 * sends (customer and the limit their number reports, in order, repeats allowed), which customers
 * may be sent a business-initiated message now. Customers the portfolio already reached in the
 * moving day are always admitted, from any of its numbers; new ones while the portfolio has room
 * under the sending number's limit (at Graph v24 every number reports the portfolio's one limit; at
 * v23 a number's older tier may be lower, and is honoured). Call it once per portfolio per
 * transaction, portfolios in ascending key order.
 *
 * Counting the distinct customers of a day grows with the day's traffic, so the count is kept in
 * `portfolio_reach` as an upper bound: it is set from an exact count and then only increased as
 * customers are added, while customers leaving the window or refunded by a failure only make the true
 * count smaller. The exact count is taken again when the bound says the portfolio is full, and, while
 * it really is full, at most every FULL_RECOUNT_MS. The portfolio's `portfolio_reach` row is locked
 * first, for the transaction: on PostgreSQL that serialises this across processes (and across the
 * workspaces that share the portfolio); SQLite has one writer already.
 */
// cross-tenant: the messaging limit belongs to Meta's business portfolio, whose numbers several workspaces may hold
export async function admitToReach(
  trx: Executor,
  portfolio: Portfolio,
  sends: Array<{ waId: string; limit: number }>,
  now: number,
): Promise<Set<string>> {
  const unique = [...new Set(sends.map((s) => s.waId))];
  if (unique.length === 0) return new Set();
  // The portfolio's row, taken first (made if missing; -1: never counted): the upsert's row lock
  // serialises this across processes until commit (and across the workspaces that share the
  // portfolio), and it answers with the stored bound, one round trip for both.
  const stored = (await takeReachHot(trx, portfolio.key)).rows[0]!;
  const admitted = await alreadyReached(trx, portfolio, unique, now);
  const fresh = sends.filter((s) => !admitted.has(s.waId));
  if (fresh.length === 0) return admitted;

  let reached = Number(stored.reached);
  let recountAt = Number(stored.recount_at);
  const newCustomers = new Set(fresh.map((s) => s.waId)).size;
  const limit = Math.max(...fresh.map((s) => s.limit));
  if (reached < 0 || (reached + newCustomers > limit && now >= recountAt)) {
    reached = await portfolioReach(trx, portfolio, now);
    recountAt = 0;
  }
  let refused = false;
  for (const s of fresh) {
    if (admitted.has(s.waId)) continue;
    if (reached >= s.limit) {
      refused = true;
      continue;
    }
    admitted.add(s.waId);
    reached += 1;
  }
  if (refused && recountAt <= now) recountAt = now + FULL_RECOUNT_MS;
  await storeReachHot(trx, portfolio.key, reached, recountAt);
  return admitted;
}
