import { t, type WharfMigration } from "../../platform/db/index.js";

export const commerceMigrations: WharfMigration[] = [
  {
    name: "20270116-01-commerce-events",
    async up(db) {
      // A business event on a contact's timeline (POST /v1/events, the Shopify connector).
      await db.schema
        .createTable("commerce_events")
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("type", t.text, (c) => c.notNull())
        .addColumn("contact_id", t.id, (c) => c.notNull())
        .addColumn("data", t.json, (c) => c.notNull())
        .addColumn("source", t.text, (c) => c.notNull()) // api | shopify
        .addColumn("occurred_at", t.millis, (c) => c.notNull())
        .addColumn("idempotency_key", t.text)
        // sha256 of what the caller sent with the key: the same key with another event is refused.
        .addColumn("request_hash", t.text)
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("commerce_events_key")
        .on("commerce_events")
        .columns(["workspace_id", "idempotency_key"])
        .unique()
        .execute();
      await db.schema
        .createIndex("commerce_events_timeline")
        .on("commerce_events")
        .columns(["workspace_id", "contact_id", "occurred_at", "id"])
        .execute();
      // A workspace's own event types: a field list each (custom-event-types.ts).
      await db.schema
        .createTable("commerce_event_types")
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("type", t.text, (c) => c.notNull())
        .addColumn("description", t.text)
        .addColumn("fields", t.json, (c) => c.notNull())
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addColumn("updated_at", t.millis, (c) => c.notNull())
        .addPrimaryKeyConstraint("commerce_event_types_pk", ["workspace_id", "type"])
        .execute();
    },
  },
];
