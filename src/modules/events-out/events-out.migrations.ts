import { t, type WharfMigration } from "../../platform/db/index.js";

export const eventsOutMigrations: WharfMigration[] = [
  {
    name: "20261123-60-webhook-endpoints",
    async up(db) {
      // The workspace's own receivers. The signing secret is sealed by the vault (the workspace's
      // data key, bound to this endpoint's id), never stored in plain text.
      await db.schema
        .createTable("webhook_endpoints")
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("url", t.text, (c) => c.notNull())
        .addColumn("events", t.json, (c) => c.notNull())
        .addColumn("description", t.text)
        .addColumn("secret_sealed", t.text, (c) => c.notNull())
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addColumn("updated_at", t.millis, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("webhook_endpoints_workspace")
        .on("webhook_endpoints")
        .columns(["workspace_id", "id"])
        .execute();
      // One row per (event, endpoint), written in the transaction that produced the event: an
      // event cannot happen without its deliveries being owed. The row is also the retry queue.
      await db.schema
        .createTable("webhook_deliveries")
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("endpoint_id", t.id, (c) => c.notNull())
        .addColumn("event_id", t.id, (c) => c.notNull())
        .addColumn("event_type", t.text, (c) => c.notNull())
        .addColumn("payload", t.json, (c) => c.notNull())
        .addColumn("state", t.text, (c) => c.notNull()) // pending | delivered | failed | cancelled
        .addColumn("attempts", t.int, (c) => c.notNull().defaultTo(0))
        .addColumn("run_at", t.millis, (c) => c.notNull())
        .addColumn("lease_owner", t.text)
        .addColumn("lease_until", t.millis)
        .addColumn("last_status", t.int)
        .addColumn("last_error", t.text)
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addColumn("delivered_at", t.millis)
        .execute();
      await db.schema
        .createIndex("webhook_deliveries_due")
        .on("webhook_deliveries")
        .columns(["state", "run_at"])
        .execute();
      await db.schema
        .createIndex("webhook_deliveries_endpoint")
        .on("webhook_deliveries")
        .columns(["endpoint_id", "id"])
        .execute();
      await db.schema
        .createTable("webhook_delivery_attempts")
        .addColumn("delivery_id", t.id, (c) => c.notNull())
        .addColumn("attempt", t.int, (c) => c.notNull())
        .addColumn("at", t.millis, (c) => c.notNull())
        .addColumn("status", t.int)
        .addColumn("error", t.text)
        .addColumn("duration_ms", t.int, (c) => c.notNull())
        .addPrimaryKeyConstraint("webhook_delivery_attempts_pk", ["delivery_id", "attempt"])
        .execute();
    },
  },
];
