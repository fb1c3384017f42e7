import type { AnyDb, Executor } from "../../platform/db/index.js";
import { typed, workspaceTable } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

export interface ShopRow {
  workspace_id: string;
  shop_domain: string;
  created_at: number;
  updated_at: number;
}

export interface ShopifyWebhookRow {
  workspace_id: string;
  webhook_id: string;
  topic: string;
  outcome: string;
  received_at: number;
}

interface Tables {
  shopify_shops: ShopRow;
  shopify_webhooks: ShopifyWebhookRow;
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);
const shops = workspaceTable<ShopRow>({ table: "shopify_shops" });
const webhooks = workspaceTable<ShopifyWebhookRow>({ table: "shopify_webhooks" });

export async function findShop(db: AnyDb | Executor, workspaceId: WorkspaceId): Promise<ShopRow | null> {
  return shops.find(db, workspaceId, {});
}

// cross-tenant: webhook routing by the workspace id in Shopify's URL, before its signature proves who sent it
export async function findShopForWebhook(db: AnyDb, workspaceId: string): Promise<ShopRow | null> {
  return (
    (await q(db).selectFrom("shopify_shops").selectAll().where("workspace_id", "=", workspaceId).executeTakeFirst()) ??
    null
  );
}

export async function upsertShop(
  trx: Executor,
  workspaceId: WorkspaceId,
  shopDomain: string,
  now: number,
): Promise<void> {
  await q(trx)
    .insertInto("shopify_shops")
    .values({ workspace_id: workspaceId, shop_domain: shopDomain, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column("workspace_id").doUpdateSet({ shop_domain: shopDomain, updated_at: now }))
    .execute();
}

export async function deleteShop(trx: Executor, workspaceId: WorkspaceId): Promise<boolean> {
  return (await shops.delete(trx, workspaceId, {})) > 0;
}

/**
 * Takes the webhook id in the caller's transaction: false when it was taken before (a redelivery,
 * or the same delivery racing itself: the primary key decides, the loser waits for the winner's
 * commit on PostgreSQL and then sees it taken).
 */
export async function takeWebhookId(
  trx: Executor,
  workspaceId: WorkspaceId,
  row: Omit<ShopifyWebhookRow, "workspace_id">,
): Promise<boolean> {
  const res = await q(trx)
    .insertInto("shopify_webhooks")
    .values({ ...row, workspace_id: workspaceId })
    .onConflict((oc) => oc.columns(["workspace_id", "webhook_id"]).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function setWebhookOutcome(
  trx: Executor,
  workspaceId: WorkspaceId,
  webhookId: string,
  outcome: string,
): Promise<void> {
  await webhooks.update(trx, workspaceId, { webhook_id: webhookId }, { outcome });
}

export async function countWebhooks(db: AnyDb, workspaceId: WorkspaceId): Promise<number> {
  const r = await q(db)
    .selectFrom("shopify_webhooks")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function lastWebhook(db: AnyDb, workspaceId: WorkspaceId): Promise<ShopifyWebhookRow | null> {
  return webhooks.find(db, workspaceId, {}, [["received_at", "desc"]]);
}

// cross-tenant: the scheduled sweep forgets every workspace's old webhook ids
export async function pruneWebhookIds(db: AnyDb, before: number): Promise<number> {
  const res = await q(db).deleteFrom("shopify_webhooks").where("received_at", "<", before).executeTakeFirst();
  return Number(res.numDeletedRows);
}
