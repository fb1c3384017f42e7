import { t, withTimestamps, type WharfMigration } from "../../platform/db/index.js";

export const workspacesMigrations: WharfMigration[] = [
  {
    name: "20261123-10-workspaces",
    async up(db) {
      await withTimestamps(
        db.schema
          .createTable("workspaces")
          .addColumn("id", t.id, (c) => c.primaryKey())
          .addColumn("name", t.text, (c) => c.notNull()),
      ).execute();
      await db.schema
        .createTable("api_keys")
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("workspace_id", t.id, (c) => c.notNull().references("workspaces.id"))
        // Only a hash is kept: the key is shown once, at creation.
        .addColumn("key_hash", t.text, (c) => c.notNull().unique())
        .addColumn("hint", t.text, (c) => c.notNull())
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addColumn("revoked_at", t.millis)
        .execute();
      await db.schema.createIndex("api_keys_workspace").on("api_keys").column("workspace_id").execute();
    },
  },
  {
    // Keys can be listed, labelled and revoked (issue 11); last use is recorded at most once a minute.
    name: "20261204-10-api-key-labels",
    async up(db) {
      await db.schema
        .alterTable("api_keys")
        .addColumn("label", t.text, (c) => c.notNull().defaultTo(""))
        .execute();
      await db.schema.alterTable("api_keys").addColumn("last_used_at", t.millis).execute();
    },
  },
  {
    // Workspace settings (issue 20): the time zone schedules and time-of-day waits default to, and
    // the dashboard language for members whose browser speaks none of Wharf's.
    name: "20270608-01-workspace-settings",
    async up(db) {
      await db.schema
        .alterTable("workspaces")
        .addColumn("time_zone", t.text, (c) => c.notNull().defaultTo("UTC"))
        .execute();
      await db.schema
        .alterTable("workspaces")
        .addColumn("default_language", t.text, (c) => c.notNull().defaultTo("en"))
        .execute();
    },
  },
];
