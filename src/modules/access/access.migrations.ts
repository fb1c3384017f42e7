import { t, withTimestamps, type WharfMigration } from "../../platform/db/index.js";

export const accessMigrations: WharfMigration[] = [
  {
    name: "20261123-11-access",
    async up(db) {
      await withTimestamps(
        db.schema
          .createTable("users")
          .addColumn("id", t.id, (c) => c.primaryKey())
          .addColumn("email", t.text, (c) => c.notNull().unique())
          .addColumn("name", t.text, (c) => c.notNull())
          .addColumn("password_hash", t.text, (c) => c.notNull()),
      ).execute();
      await db.schema
        .createTable("memberships")
        .addColumn("user_id", t.id, (c) => c.notNull().references("users.id"))
        .addColumn("workspace_id", t.id, (c) => c.notNull().references("workspaces.id"))
        .addColumn("role", t.text, (c) => c.notNull())
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addPrimaryKeyConstraint("memberships_pk", ["user_id", "workspace_id"])
        .execute();
      await db.schema.createIndex("memberships_workspace").on("memberships").column("workspace_id").execute();
      await db.schema
        .createTable("sessions")
        .addColumn("id", t.id, (c) => c.primaryKey())
        // The cookie holds a random token; only its hash is stored.
        .addColumn("token_hash", t.text, (c) => c.notNull().unique())
        .addColumn("user_id", t.id, (c) => c.notNull().references("users.id"))
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addColumn("expires_at", t.millis, (c) => c.notNull())
        .execute();
    },
  },
  {
    // Users join a workspace only by accepting an invitation (issue 11: an admin of one workspace
    // could attach, and learn of, a user of another by email).
    name: "20261204-11-invitations",
    async up(db) {
      await db.schema
        .createTable("invitations")
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("workspace_id", t.id, (c) => c.notNull().references("workspaces.id"))
        .addColumn("email", t.text, (c) => c.notNull())
        .addColumn("role", t.text, (c) => c.notNull())
        // Only the hash of the link's token is kept.
        .addColumn("token_hash", t.text, (c) => c.notNull().unique())
        .addColumn("invited_by", t.text, (c) => c.notNull())
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addColumn("expires_at", t.millis, (c) => c.notNull())
        .addColumn("accepted_at", t.millis)
        .addColumn("revoked_at", t.millis)
        .execute();
      await db.schema
        .createIndex("invitations_workspace")
        .on("invitations")
        .columns(["workspace_id", "email"])
        .execute();
      await db.schema.createIndex("invitations_email").on("invitations").column("email").execute();
      await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();
    },
  },
  {
    name: "20261204-12-access-attempt-throttle",
    async up(db) {
      // One row per throttled key (an account, an account from one address, an address): a fixed
      // window and the attempts in it, updated by one upsert so several servers share the count.
      await db.schema
        .createTable("attempt_throttle")
        .addColumn("key", t.text, (c) => c.primaryKey())
        .addColumn("window_start", t.millis, (c) => c.notNull())
        .addColumn("attempts", t.int, (c) => c.notNull())
        .execute();
      await db.schema.createIndex("attempt_throttle_window").on("attempt_throttle").column("window_start").execute();
    },
  },
  {
    // Issue 20: the dashboard's language, per user (null: follow the browser).
    name: "20270411-01-user-language",
    async up(db) {
      await db.schema.alterTable("users").addColumn("language", t.text).execute();
    },
  },
];
