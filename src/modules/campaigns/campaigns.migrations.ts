import { t, type WharfMigration } from "../../platform/db/index.js";

export const campaignsMigrations: WharfMigration[] = [
  {
    name: "20261123-40-campaigns",
    async up(db) {
      await db.schema
        .createTable("campaigns")
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("name", t.text, (c) => c.notNull())
        .addColumn("phone_number_id", t.id, (c) => c.notNull())
        .addColumn("template_name", t.text, (c) => c.notNull())
        .addColumn("template_language", t.text, (c) => c.notNull())
        // Components every recipient gets (e.g. the header image); recipients add body parameters.
        .addColumn("template_components", t.json)
        .addColumn("status", t.text, (c) => c.notNull()) // draft | scheduled | running | paused | completed | cancelled
        .addColumn("scheduled_at", t.millis)
        .addColumn("total", t.int, (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addColumn("updated_at", t.millis, (c) => c.notNull())
        .execute();
      await db.schema.createIndex("campaigns_workspace").on("campaigns").columns(["workspace_id", "id"]).execute();
      await db.schema
        .createTable("campaign_recipients")
        .addColumn("campaign_id", t.id, (c) => c.notNull())
        .addColumn("seq", t.int, (c) => c.notNull())
        .addColumn("to", t.text, (c) => c.notNull())
        .addColumn("parameters", t.json)
        .addColumn("state", t.text, (c) => c.notNull()) // pending | queued | skipped
        .addColumn("skip_reason", t.text)
        .addColumn("message_id", t.id)
        .addPrimaryKeyConstraint("campaign_recipients_pk", ["campaign_id", "seq"])
        .execute();
      await db.schema
        .createIndex("campaign_recipients_state")
        .on("campaign_recipients")
        .columns(["campaign_id", "state", "seq"])
        .execute();
    },
  },
];
