import type { WharfMigration } from "../db/index.js";
import { t } from "../db/index.js";

export const jobsMigrations: WharfMigration[] = [
  {
    name: "20261123-02-jobs",
    async up(db) {
      await db.schema
        .createTable("jobs")
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("name", t.text, (c) => c.notNull())
        .addColumn("payload", t.json, (c) => c.notNull())
        .addColumn("status", t.text, (c) => c.notNull())
        .addColumn("run_at", t.millis, (c) => c.notNull())
        .addColumn("attempts", t.int, (c) => c.notNull().defaultTo(0))
        .addColumn("max_attempts", t.int, (c) => c.notNull())
        .addColumn("lease_owner", t.text)
        .addColumn("lease_until", t.millis)
        .addColumn("last_error", t.text)
        .addColumn("dedupe_key", t.text, (c) => c.unique())
        .addColumn("workspace_id", t.id)
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addColumn("updated_at", t.millis, (c) => c.notNull())
        .execute();
      await db.schema.createIndex("jobs_due").on("jobs").columns(["status", "run_at"]).execute();
      await db.schema.createIndex("jobs_lease").on("jobs").columns(["status", "lease_until"]).execute();
    },
  },
];
