import { t, type WharfMigration } from "../../platform/db/index.js";

export const metaInboundMigrations: WharfMigration[] = [
  {
    name: "20261123-50-webhooks",
    async up(db) {
      // Every signed POST from Meta, byte for byte, stored before Meta gets its 200. The table is
      // also the processing queue: claimed with a lease, retried with backoff, never deleted
      // before it is processed (done rows are purged after the retention period).
      await db.schema
        .createTable("webhook_events")
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("received_at", t.millis, (c) => c.notNull())
        .addColumn("body", t.text, (c) => c.notNull())
        .addColumn("state", t.text, (c) => c.notNull()) // pending | done | failed | invalid
        .addColumn("attempts", t.int, (c) => c.notNull().defaultTo(0))
        .addColumn("run_at", t.millis, (c) => c.notNull())
        .addColumn("lease_owner", t.text)
        .addColumn("lease_until", t.millis)
        .addColumn("last_error", t.text)
        .addColumn("processed_at", t.millis)
        .addColumn("flags", t.int, (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex("webhook_events_due").on("webhook_events").columns(["state", "run_at"]).execute();
      // Changes that could not be delivered to a workspace: unknown number or WABA, malformed parts,
      // Meta's own errors. Kept for the operator; one row per (event, position) so a re-run adds none.
      await db.schema
        .createTable("webhook_flags")
        .addColumn("event_id", t.id, (c) => c.notNull())
        .addColumn("seq", t.int, (c) => c.notNull())
        .addColumn("kind", t.text, (c) => c.notNull())
        .addColumn("field", t.text)
        .addColumn("waba_id", t.text)
        .addColumn("meta_phone_number_id", t.text)
        .addColumn("detail", t.text)
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addPrimaryKeyConstraint("webhook_flags_pk", ["event_id", "seq"])
        .execute();
      await db.schema.createIndex("webhook_flags_recent").on("webhook_flags").columns(["created_at"]).execute();
      // A status for a wamid we do not know yet (Meta's `sent` can beat the send's own response):
      // retried for about a minute, then kept as `flagged`. Never dropped.
      await db.schema
        .createTable("unmatched_statuses")
        .addColumn("meta_phone_number_id", t.text, (c) => c.notNull())
        .addColumn("wamid", t.text, (c) => c.notNull())
        .addColumn("status", t.text, (c) => c.notNull())
        .addColumn("waba_id", t.text, (c) => c.notNull())
        .addColumn("payload", t.json, (c) => c.notNull())
        .addColumn("state", t.text, (c) => c.notNull()) // waiting | flagged
        .addColumn("attempts", t.int, (c) => c.notNull().defaultTo(0))
        .addColumn("run_at", t.millis, (c) => c.notNull())
        .addColumn("event_id", t.id, (c) => c.notNull())
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addPrimaryKeyConstraint("unmatched_statuses_pk", ["meta_phone_number_id", "wamid", "status"])
        .execute();
      await db.schema
        .createIndex("unmatched_statuses_due")
        .on("unmatched_statuses")
        .columns(["state", "run_at"])
        .execute();
    },
  },
];
