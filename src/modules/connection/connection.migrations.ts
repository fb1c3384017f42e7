import { t, type WharfMigration } from "../../platform/db/index.js";

export const connectionMigrations: WharfMigration[] = [
  {
    name: "20261123-20-connection",
    async up(db) {
      await db.schema
        .createTable("connections")
        .addColumn("workspace_id", t.id, (c) => c.primaryKey())
        .addColumn("status", t.text, (c) => c.notNull())
        .addColumn("waba_id", t.text)
        .addColumn("waba_name", t.text)
        .addColumn("business_id", t.text)
        .addColumn("scopes", t.json, (c) => c.notNull().defaultTo("[]"))
        .addColumn("token_expires_at", t.millis)
        .addColumn("last_checked_at", t.millis)
        .addColumn("last_error", t.text)
        .addColumn("connected_at", t.millis)
        .addColumn("catalog_id", t.text)
        .addColumn("catalog_status", t.text, (c) => c.notNull().defaultTo("none"))
        .addColumn("catalog_checked_at", t.millis)
        .addColumn("catalog_last_error", t.text)
        .addColumn("updated_at", t.millis, (c) => c.notNull())
        .execute();
      await db.schema.createIndex("connections_waba").on("connections").column("waba_id").execute();
      await db.schema
        .createTable("oauth_states")
        // Only the hash: a leaked database row cannot be replayed as a state.
        .addColumn("state_hash", t.text, (c) => c.primaryKey())
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("redirect_uri", t.text, (c) => c.notNull())
        // Set when a dashboard session started the flow: only that browser may complete it.
        .addColumn("session_id", t.id)
        .addColumn("expires_at", t.millis, (c) => c.notNull())
        .addColumn("used_at", t.millis)
        .execute();
      await db.schema
        .createTable("phone_numbers")
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("meta_phone_number_id", t.text, (c) => c.notNull())
        .addColumn("waba_id", t.text, (c) => c.notNull())
        .addColumn("display_phone_number", t.text, (c) => c.notNull())
        .addColumn("verified_name", t.text)
        .addColumn("quality_rating", t.text)
        .addColumn("messaging_limit", t.text)
        .addColumn("throughput_mps", t.int, (c) => c.notNull().defaultTo(80))
        .addColumn("status", t.text)
        .addColumn("code_verification_status", t.text)
        .addColumn("active", t.flag, (c) => c.notNull().defaultTo(0))
        .addColumn("registered_at", t.millis)
        .addColumn("last_synced_at", t.millis)
        .addColumn("last_error", t.text)
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addColumn("updated_at", t.millis, (c) => c.notNull())
        .addUniqueConstraint("phone_numbers_ws_meta", ["workspace_id", "meta_phone_number_id"])
        .execute();
      await db.schema.createIndex("phone_numbers_meta").on("phone_numbers").column("meta_phone_number_id").execute();
    },
  },
];
