import { t, type WharfMigration } from "../../platform/db/index.js";

export const inboxMigrations: WharfMigration[] = [
  {
    name: "20261123-40-inbox",
    async up(db) {
      // One row per customer of a workspace. Consent is tri-state (null: never said), and the time
      // it last changed orders an inbound STOP against an API opt-in whatever order they arrive in.
      await db.schema
        .createTable("contacts")
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("wa_id", t.text, (c) => c.notNull())
        .addColumn("profile_name", t.text) // Meta's, from the latest inbound message
        .addColumn("name", t.text) // set through the API; wins over the profile name
        .addColumn("marketing_opt_in", t.flag)
        .addColumn("consent_source", t.text) // api | stop_keyword | user_preferences
        .addColumn("consent_at", t.millis)
        .addColumn("last_inbound_at", t.millis)
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addColumn("updated_at", t.millis, (c) => c.notNull())
        .addPrimaryKeyConstraint("contacts_pk", ["workspace_id", "wa_id"])
        .execute();
      // A conversation is a customer and one of our numbers: the 24-hour window is per pair.
      await db.schema
        .createTable("conversations")
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("phone_number_id", t.id, (c) => c.notNull())
        .addColumn("wa_id", t.text, (c) => c.notNull())
        .addColumn("last_message_at", t.millis, (c) => c.notNull())
        .addColumn("last_inbound_at", t.millis)
        .addColumn("window_expires_at", t.millis)
        .addColumn("unread_count", t.int, (c) => c.notNull().defaultTo(0))
        .addColumn("last_read_at", t.millis)
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addColumn("updated_at", t.millis, (c) => c.notNull())
        .addUniqueConstraint("conversations_pair", ["workspace_id", "phone_number_id", "wa_id"])
        .execute();
      await db.schema
        .createIndex("conversations_recent")
        .on("conversations")
        .columns(["workspace_id", "last_message_at", "id"])
        .execute();
      // Media a customer sent: the proof that a workspace may fetch that Meta media id.
      await db.schema
        .createTable("inbound_media")
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("meta_media_id", t.text, (c) => c.notNull())
        .addColumn("meta_phone_number_id", t.text, (c) => c.notNull())
        .addColumn("mime_type", t.text)
        .addColumn("sha256", t.text)
        .addColumn("filename", t.text)
        .addColumn("wamid", t.text, (c) => c.notNull())
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addPrimaryKeyConstraint("inbound_media_pk", ["workspace_id", "meta_media_id"])
        .execute();
    },
  },
];
