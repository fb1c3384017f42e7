import { sql } from "kysely";
import type { AnyDb, Executor } from "../../platform/db/index.js";
import { containsPattern, typed, workspaceTable } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

export type SyncStatus = "pending" | "syncing" | "synced" | "error";

export interface ProductRow {
  id: string;
  workspace_id: string;
  retailer_id: string;
  title: string;
  description: string;
  price: number;
  currency: string;
  sale_price: number | null;
  availability: string;
  condition: string;
  link: string;
  image_link: string;
  brand: string | null;
  category: string | null;
  item_group_id: string | null;
  inventory: number | null;
  custom_labels: string | null;
  content_hash: string;
  synced_hash: string | null;
  sending_hash: string | null;
  sync_handle: string | null;
  deleted: number;
  sync_status: SyncStatus;
  sync_error_code: number | null;
  sync_error_message: string | null;
  synced_at: number | null;
  created_at: number;
  updated_at: number;
}

export type ProductValues = Pick<
  ProductRow,
  | "title"
  | "description"
  | "price"
  | "currency"
  | "sale_price"
  | "availability"
  | "condition"
  | "link"
  | "image_link"
  | "brand"
  | "category"
  | "item_group_id"
  | "inventory"
  | "custom_labels"
  | "content_hash"
>;

interface Tables {
  catalog_products: ProductRow;
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);
const products = workspaceTable<ProductRow>({ table: "catalog_products" });
const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** PostgreSQL returns bigint columns as strings; both dialects read as numbers here. */
function row(r: ProductRow): ProductRow {
  return {
    ...r,
    price: num(r.price),
    sale_price: numOrNull(r.sale_price),
    inventory: numOrNull(r.inventory),
    deleted: num(r.deleted),
    sync_error_code: numOrNull(r.sync_error_code),
    synced_at: numOrNull(r.synced_at),
    created_at: num(r.created_at),
    updated_at: num(r.updated_at),
  };
}

/** Tombstones included: the caller decides what a deleted product means. */
export async function findProductRow(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  retailerId: string,
): Promise<ProductRow | null> {
  const r = await products.find(db, workspaceId, { retailer_id: retailerId });
  return r ? row(r) : null;
}

export async function findProductRows(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  retailerIds: string[],
): Promise<ProductRow[]> {
  return (await products.list(db, workspaceId, { retailer_id: retailerIds })).map(row);
}

/** Rows per multi-row insert: ~30 parameters a row stays well under SQLite's and PostgreSQL's limits. */
const INSERT_CHUNK = 200;

/** New products, many rows per statement (an import's batch). */
export async function insertProducts(
  trx: Executor,
  workspaceId: WorkspaceId,
  rows: ReadonlyArray<ProductValues & { id: string; retailer_id: string }>,
  now: number,
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK)
    await q(trx)
      .insertInto("catalog_products")
      .values(
        rows.slice(i, i + INSERT_CHUNK).map((r) => ({
          ...r,
          workspace_id: workspaceId,
          synced_hash: null,
          sending_hash: null,
          sync_handle: null,
          deleted: 0,
          sync_status: "pending" as const,
          sync_error_code: null,
          sync_error_message: null,
          synced_at: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
}

/**
 * New content for an existing product (a tombstone comes back to life). Its status follows the
 * content: what Meta already holds is `synced`, anything else waits for the next sync; a product
 * in a batch in flight stays `syncing` (the batch's result then sees the hash moved on).
 */
export async function updateProductContent(
  trx: Executor,
  workspaceId: WorkspaceId,
  retailerId: string,
  values: ProductValues,
  now: number,
): Promise<void> {
  await products.update(
    trx,
    workspaceId,
    { retailer_id: retailerId },
    {
      ...values,
      deleted: 0,
      sync_status: sql<SyncStatus>`case when sync_handle is not null then 'syncing' when synced_hash = ${values.content_hash} then 'synced' else 'pending' end`,
      sync_error_code: null,
      sync_error_message: null,
      updated_at: now,
    },
  );
}

/** A product Meta never had (nor has in flight) goes at once; any other becomes a tombstone for the next sync. */
export async function deleteProductRow(
  trx: Executor,
  workspaceId: WorkspaceId,
  retailerId: string,
  now: number,
): Promise<"removed" | "tombstone" | "missing"> {
  const neverSent = { retailer_id: retailerId, synced_hash: null, sync_handle: null };
  if ((await products.delete(trx, workspaceId, neverSent)) > 0) return "removed";
  const marked = await products.update(
    trx,
    workspaceId,
    { retailer_id: retailerId, deleted: 0 },
    {
      deleted: 1,
      sync_status: sql<SyncStatus>`case when sync_handle is not null then 'syncing' else 'pending' end`,
      sync_error_code: null,
      sync_error_message: null,
      updated_at: now,
    },
  );
  return marked > 0 ? "tombstone" : "missing";
}

export interface ProductFilter {
  syncStatus?: SyncStatus;
  q?: string;
  /** Retailer ids sort the list; the cursor is the last one seen. */
  after?: string;
  limit: number;
}

export async function listProductRows(db: AnyDb, workspaceId: WorkspaceId, f: ProductFilter): Promise<ProductRow[]> {
  let query = q(db)
    .selectFrom("catalog_products")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("deleted", "=", 0);
  if (f.syncStatus) query = query.where("sync_status", "=", f.syncStatus);
  if (f.after !== undefined) query = query.where("retailer_id", ">", f.after);
  if (f.q) {
    const like = containsPattern(f.q.toLowerCase());
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(title)`, "like", sql`${like} escape '\\'`),
        eb(sql`lower(retailer_id)`, "like", sql`${like} escape '\\'`),
      ]),
    );
  }
  const rows = await query.orderBy("retailer_id").limit(f.limit).execute();
  return rows.map(row);
}

/** How many live products are in each sync state (tombstones apart). */
export async function countProducts(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
): Promise<Record<SyncStatus | "deleting", number>> {
  const rows = await q(db)
    .selectFrom("catalog_products")
    .select((eb) => ["sync_status", "deleted", eb.fn.countAll().as("n")])
    .where("workspace_id", "=", workspaceId)
    .groupBy(["sync_status", "deleted"])
    .execute();
  const out = { pending: 0, syncing: 0, synced: 0, error: 0, deleting: 0 };
  for (const r of rows) {
    if (Number(r.deleted) === 1) out.deleting += Number(r.n);
    else out[r.sync_status] += Number(r.n);
  }
  return out;
}

export async function hasPendingProducts(db: AnyDb | Executor, workspaceId: WorkspaceId): Promise<boolean> {
  const r = await q(db)
    .selectFrom("catalog_products")
    .select("id")
    .where("workspace_id", "=", workspaceId)
    .where("sync_status", "=", "pending")
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** Batch handles still in flight (a sync that stopped before their results came back). */
export async function inFlightHandles(db: AnyDb | Executor, workspaceId: WorkspaceId): Promise<string[]> {
  const rows = await q(db)
    .selectFrom("catalog_products")
    .select("sync_handle")
    .distinct()
    .where("workspace_id", "=", workspaceId)
    .where("sync_handle", "is not", null)
    .execute();
  return rows.map((r) => r.sync_handle!);
}

/**
 * Takes the next products to send for a batch in one statement: pending ones, oldest retailer id
 * first, become `syncing` under `handle` with the hash they carry. What is returned is exactly what
 * was marked, so a product edited a moment later is seen as changed when the batch settles.
 */
export async function claimPendingProducts(
  trx: Executor,
  workspaceId: WorkspaceId,
  handle: string,
  limit: number,
  now: number,
): Promise<ProductRow[]> {
  const rows = await q(trx)
    .updateTable("catalog_products")
    .set({ sync_status: "syncing", sync_handle: handle, sending_hash: sql`content_hash`, updated_at: now })
    .where("workspace_id", "=", workspaceId)
    .where("sync_status", "=", "pending")
    .where("id", "in", (eb) =>
      eb
        .selectFrom("catalog_products")
        .select("id")
        .where("workspace_id", "=", workspaceId)
        .where("sync_status", "=", "pending")
        .orderBy("retailer_id")
        .limit(limit),
    )
    .returningAll()
    .execute();
  return rows.map(row);
}

/** Meta's handle replaces the provisional one once `items_batch` accepted the batch. */
export async function renameHandle(trx: Executor, workspaceId: WorkspaceId, from: string, to: string): Promise<void> {
  await products.update(trx, workspaceId, { sync_handle: from }, { sync_handle: to });
}

/** One batch's outcome: confirmed items become synced (or pending again if edited meanwhile), confirmed deletes go. */
export async function settleBatch(
  trx: Executor,
  workspaceId: WorkspaceId,
  handle: string,
  failures: ReadonlyMap<string, { code: number | null; message: string; gone: boolean }>,
  now: number,
): Promise<{ synced: number; failed: number; deleted: number }> {
  const failedIds = [...failures.keys()];
  let failed = 0;
  let deleted = 0;
  // Failures first (few); a delete Meta says it does not have is as good as done.
  for (let i = 0; i < failedIds.length; i += 500) {
    const chunk = failedIds.slice(i, i + 500);
    const rows = await q(trx)
      .selectFrom("catalog_products")
      .select(["retailer_id", "deleted"])
      .where("workspace_id", "=", workspaceId)
      .where("sync_handle", "=", handle)
      .where("retailer_id", "in", chunk)
      .execute();
    for (const r of rows) {
      const f = failures.get(r.retailer_id)!;
      if (Number(r.deleted) === 1 && f.gone) {
        await products.delete(trx, workspaceId, { retailer_id: r.retailer_id });
        deleted++;
        continue;
      }
      await products.update(
        trx,
        workspaceId,
        { retailer_id: r.retailer_id },
        {
          sync_status: sql<SyncStatus>`case when content_hash = sending_hash then 'error' else 'pending' end`,
          sync_error_code: f.code,
          sync_error_message: f.message,
          sync_handle: null,
          sending_hash: null,
          updated_at: now,
        },
      );
      failed++;
    }
  }
  deleted += await products.delete(trx, workspaceId, { sync_handle: handle, deleted: 1 });
  const synced = await products.update(
    trx,
    workspaceId,
    { sync_handle: handle },
    {
      synced_hash: sql.ref<string | null>("sending_hash"),
      sync_status: sql<SyncStatus>`case when content_hash = sending_hash then 'synced' else 'pending' end`,
      synced_at: now,
      sync_error_code: null,
      sync_error_message: null,
      sync_handle: null,
      sending_hash: null,
      updated_at: now,
    },
  );
  return { synced, failed, deleted };
}

/** A batch Meta lost or refused as a whole: its items go back to pending (nothing was confirmed). */
export async function releaseBatch(
  trx: Executor,
  workspaceId: WorkspaceId,
  handle: string,
  now: number,
): Promise<void> {
  const pending = { sync_status: "pending" as const, sync_handle: null, sending_hash: null, updated_at: now };
  await products.update(trx, workspaceId, { sync_handle: handle }, pending);
}

/** Workspaces that have products (the scheduled sweep's list). */
// cross-tenant: the scheduled sweep visits every workspace's catalog
export async function listCatalogWorkspaces(db: AnyDb): Promise<string[]> {
  const rows = await q(db).selectFrom("catalog_products").select("workspace_id").distinct().execute();
  return rows.map((r) => r.workspace_id);
}
