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
  {
    name: "20270115-01-campaign-recipient-key",
    async up(db) {
      // The recipient as Meta addresses it (digits of the phone, or a BSUID): a campaign sends to
      // each key once, however the number was written and however many uploads it came in.
      await db.schema.alterTable("campaign_recipients").addColumn("recipient_key", t.text).execute();
      await db.schema
        .createIndex("campaign_recipients_key")
        .on("campaign_recipients")
        .columns(["campaign_id", "recipient_key"])
        .execute();
    },
  },
  {
    name: "20270115-02-campaign-audience",
    async up(db) {
      // `{segmentId}` or `{tag}`: resolved to its members when the campaign starts (audience_taken_at).
      await db.schema.alterTable("campaigns").addColumn("audience", t.json).execute();
      await db.schema.alterTable("campaigns").addColumn("audience_taken_at", t.millis).execute();
    },
  },
  {
    name: "20270306-01-campaign-failure-reason",
    async up(db) {
      // Why a campaign ended `failed` before sending anything (its segment was deleted before it started).
      await db.schema.alterTable("campaigns").addColumn("failure_reason", t.text).execute();
    },
  },
];
