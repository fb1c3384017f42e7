import { t, type WharfMigration } from "../../platform/db/index.js";

export const catalogMigrations: WharfMigration[] = [
  {
    name: "20270101-01-catalog-products",
    async up(db) {
      await db.schema
        .createTable("catalog_products")
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("retailer_id", t.text, (c) => c.notNull())
        .addColumn("title", t.text, (c) => c.notNull())
        .addColumn("description", t.text, (c) => c.notNull())
        // Minor units of `currency` (cents for USD, yen for JPY).
        .addColumn("price", t.millis, (c) => c.notNull())
        .addColumn("currency", t.text, (c) => c.notNull())
        .addColumn("sale_price", t.millis)
        .addColumn("availability", t.text, (c) => c.notNull())
        .addColumn("condition", t.text, (c) => c.notNull())
        .addColumn("link", t.text, (c) => c.notNull())
        .addColumn("image_link", t.text, (c) => c.notNull())
        .addColumn("brand", t.text)
        .addColumn("category", t.text)
        .addColumn("item_group_id", t.text)
        .addColumn("inventory", t.int)
        .addColumn("custom_labels", t.json)
        // What Meta should hold, what it holds (confirmed), and what is in flight in a batch.
        .addColumn("content_hash", t.text, (c) => c.notNull())
        .addColumn("synced_hash", t.text)
        .addColumn("sending_hash", t.text)
        .addColumn("sync_handle", t.text)
        // A DELETE keeps a tombstone until Meta confirmed the item gone.
        .addColumn("deleted", t.flag, (c) => c.notNull().defaultTo(0))
        .addColumn("sync_status", t.text, (c) => c.notNull()) // pending | syncing | synced | error
        .addColumn("sync_error_code", t.int)
        .addColumn("sync_error_message", t.text)
        .addColumn("synced_at", t.millis)
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addColumn("updated_at", t.millis, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("catalog_products_retailer")
        .unique()
        .on("catalog_products")
        .columns(["workspace_id", "retailer_id"])
        .execute();
      await db.schema
        .createIndex("catalog_products_status")
        .on("catalog_products")
        .columns(["workspace_id", "sync_status", "retailer_id"])
        .execute();
      await db.schema
        .createIndex("catalog_products_handle")
        .on("catalog_products")
        .columns(["workspace_id", "sync_handle"])
        .execute();
    },
  },
  {
    name: "20270101-02-catalog-syncs",
    async up(db) {
      // One row per workspace's catalog: who syncs it now (a lease, one owner across processes),
      // whether it is paused, and what the last sync did.
      await db.schema
        .createTable("catalog_syncs")
        .addColumn("workspace_id", t.id, (c) => c.primaryKey())
        .addColumn("owner", t.text)
        .addColumn("lease_until", t.millis, (c) => c.notNull().defaultTo(0))
        .addColumn("state", t.text, (c) => c.notNull()) // idle | running | paused
        .addColumn("last_sync_at", t.millis)
        .addColumn("last_counts", t.json)
        .addColumn("last_error", t.text)
        .addColumn("updated_at", t.millis, (c) => c.notNull())
        .execute();
    },
  },
  {
    name: "20270101-03-catalog-imports",
    async up(db) {
      await db.schema
        .createTable("catalog_imports")
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("format", t.text, (c) => c.notNull()) // csv | ndjson
        .addColumn("status", t.text, (c) => c.notNull()) // running | completed | failed
        .addColumn("rows", t.int, (c) => c.notNull().defaultTo(0))
        .addColumn("created", t.int, (c) => c.notNull().defaultTo(0))
        .addColumn("updated", t.int, (c) => c.notNull().defaultTo(0))
        .addColumn("unchanged", t.int, (c) => c.notNull().defaultTo(0))
        .addColumn("failed", t.int, (c) => c.notNull().defaultTo(0))
        .addColumn("errors", t.json, (c) => c.notNull())
        .addColumn("error", t.text)
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addColumn("finished_at", t.millis)
        .execute();
      await db.schema
        .createIndex("catalog_imports_workspace")
        .on("catalog_imports")
        .columns(["workspace_id", "id"])
        .execute();
    },
  },
];
