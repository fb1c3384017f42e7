import type { AnyDb, Executor } from "../../platform/db/index.js";
import { typed } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import type { MessagesTables } from "./messages.repo.js";

export const DAY_MS = 24 * 60 * 60_000;

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

/** The recipients this number already reached business-initiated in the last 24 hours. */
export async function recentBusinessInitiated(db: AnyDb | Executor, workspaceId: WorkspaceId, phoneNumberId: string, now: number): Promise<Set<string>> {
  const rows = await typed<MessagesTables>(db)
    .selectFrom("messages")
    .select("wa_id")
    .distinct()
    .where("workspace_id", "=", workspaceId)
    .where("phone_number_id", "=", phoneNumberId)
    .where("business_initiated", "=", 1)
    .where("created_at", ">", now - DAY_MS)
    // A message refused before Meta saw it reached nobody.
    .where((eb) => eb.or([eb("error_code", "is", null), eb("error_code", "=", "META_DELIVERY_FAILED")]))
    .execute();
  return new Set(rows.map((r) => r.wa_id));
}

/**
 * For one send: has this customer already been reached business-initiated in 24 hours (then they
 * do not count again), and how many unique customers has the number reached? Both answered by
 * the covering index messages_reach, without loading the set.
 */
export async function reachOf(db: AnyDb | Executor, workspaceId: WorkspaceId, phoneNumberId: string, waId: string, now: number): Promise<{ already: boolean; count: number }> {
  const base = typed<MessagesTables>(db)
    .selectFrom("messages")
    .where("phone_number_id", "=", phoneNumberId)
    .where("business_initiated", "=", 1)
    .where("created_at", ">", now - DAY_MS)
    .where("workspace_id", "=", workspaceId)
    .where((eb) => eb.or([eb("error_code", "is", null), eb("error_code", "=", "META_DELIVERY_FAILED")]));
  const hit = await base.select("wa_id").where("wa_id", "=", waId).limit(1).executeTakeFirst();
  if (hit) return { already: true, count: 0 };
  const row = await base.select((eb) => eb.fn.count<number>("wa_id").distinct().as("n")).executeTakeFirst();
  return { already: false, count: Number(row?.n ?? 0) };
}
