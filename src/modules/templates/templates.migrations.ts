import { t, type WharfMigration } from "../../platform/db/index.js";

export const templatesMigrations: WharfMigration[] = [
  {
    name: "20261125-40-templates",
    async up(db) {
      await db.schema
        .createTable("templates")
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("waba_id", t.text, (c) => c.notNull())
        .addColumn("meta_template_id", t.text, (c) => c.notNull())
        .addColumn("name", t.text, (c) => c.notNull())
        .addColumn("language", t.text, (c) => c.notNull())
        .addColumn("category", t.text, (c) => c.notNull())
        .addColumn("status", t.text, (c) => c.notNull())
        // Meta's reason for REJECTED / PAUSED / DISABLED (null when Meta says NONE).
        .addColumn("reason", t.text)
        .addColumn("parameter_format", t.text, (c) => c.notNull())
        .addColumn("components", t.json, (c) => c.notNull())
        .addColumn("message_send_ttl_seconds", t.int)
        .addColumn("quality_score", t.text)
        // Times of edits made while APPROVED: Meta allows 1 per 24 h and 10 per 30 days.
        .addColumn("approved_edits", t.json, (c) => c.notNull().defaultTo("[]"))
        .addColumn("synced_at", t.millis)
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addColumn("updated_at", t.millis, (c) => c.notNull())
        .addUniqueConstraint("templates_ws_meta", ["workspace_id", "meta_template_id"])
        .addUniqueConstraint("templates_ws_name_language", ["workspace_id", "name", "language"])
        .execute();
      // Webhooks name Meta's template id and WABA, not a workspace.
      await db.schema.createIndex("templates_meta").on("templates").column("meta_template_id").execute();
      await db.schema
        .createTable("template_accounts")
        .addColumn("workspace_id", t.id, (c) => c.primaryKey())
        .addColumn("waba_id", t.text, (c) => c.notNull())
        .addColumn("last_synced_at", t.millis)
        .addColumn("last_sync_error", t.text)
        .addColumn("updated_at", t.millis, (c) => c.notNull())
        .execute();
      await db.schema.createIndex("template_accounts_waba").on("template_accounts").column("waba_id").execute();
    },
  },
];
