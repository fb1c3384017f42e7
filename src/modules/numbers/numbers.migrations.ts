import { t, type WharfMigration } from "../../platform/db/index.js";

export const numbersMigrations: WharfMigration[] = [
  {
    // Issue 19: a number's add, migration and deletion are workflows with persisted state: one row
    // each, moved on by routes and jobs, so a restart mid-step resumes where it was.
    name: "20270126-01-number-workflows",
    async up(db) {
      await db.schema
        .createTable("number_workflows")
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("kind", t.text, (c) => c.notNull()) // add | migration | deletion
        .addColumn("state", t.text, (c) => c.notNull())
        .addColumn("step", t.text, (c) => c.notNull())
        .addColumn("phone_number_id", t.id) // ours (pn_...), once the number is known
        .addColumn("meta_phone_number_id", t.text)
        .addColumn("country_code", t.text)
        .addColumn("phone_number", t.text)
        .addColumn("display_name", t.text)
        .addColumn("error", t.json)
        .addColumn("data", t.json, (c) => c.notNull().defaultTo("{}"))
        .addColumn("scheduled_for", t.millis)
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addColumn("updated_at", t.millis, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("number_workflows_number")
        .on("number_workflows")
        .columns(["workspace_id", "phone_number_id", "kind"])
        .execute();
    },
  },
];
