import { t, type WharfMigration } from "../../platform/db/index.js";
import { contactsMigrations } from "./contacts/contacts.migrations.js";

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
  {
    name: "20261224-01-contacts-bsuid",
    async up(db) {
      // Meta's 2026 business-scoped user id (BSUID) and username. A customer whose phone Meta
      // withholds is keyed by the BSUID in wa_id until the phone becomes known (then merged).
      await db.schema.alterTable("contacts").addColumn("user_id", t.text).execute();
      await db.schema.alterTable("contacts").addColumn("parent_user_id", t.text).execute();
      await db.schema.alterTable("contacts").addColumn("username", t.text).execute();
      await db.schema.createIndex("contacts_user_id").on("contacts").columns(["workspace_id", "user_id"]).execute();
    },
  },
  // Contacts as a business keeps them (issue 17): profile, tags, typed attributes, consent history, imports, segments.
  ...contactsMigrations,
  {
    name: "20270210-01-conversation-work",
    async up(db) {
      // How a team works a conversation: its state (an inbound message reopens a resolved one),
      // the agent it is assigned to, labels (a JSON array of short strings), internal notes that
      // never reach the customer, and the workspace's canned replies.
      await db.schema
        .alterTable("conversations")
        .addColumn("status", t.text, (c) => c.notNull().defaultTo("open"))
        .execute();
      await db.schema.alterTable("conversations").addColumn("assignee_user_id", t.id).execute();
      await db.schema
        .alterTable("conversations")
        .addColumn("labels", t.json, (c) => c.notNull().defaultTo("[]"))
        .execute();
      await db.schema
        .createIndex("conversations_status")
        .on("conversations")
        .columns(["workspace_id", "status", "last_message_at"])
        .execute();
      await db.schema
        .createTable("conversation_notes")
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("conversation_id", t.id, (c) => c.notNull())
        .addColumn("author_user_id", t.id) // null: written with an API key
        .addColumn("body", t.text, (c) => c.notNull())
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("conversation_notes_thread")
        .on("conversation_notes")
        .columns(["workspace_id", "conversation_id", "id"])
        .execute();
      await db.schema
        .createTable("canned_replies")
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("shortcut", t.text, (c) => c.notNull())
        .addColumn("text", t.text, (c) => c.notNull())
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addColumn("updated_at", t.millis, (c) => c.notNull())
        .addUniqueConstraint("canned_replies_shortcut", ["workspace_id", "shortcut"])
        .execute();
    },
  },
];
