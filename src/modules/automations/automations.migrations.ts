import { t, withTimestamps, type WharfMigration } from "../../platform/db/index.js";

export const automationsMigrations: WharfMigration[] = [
  {
    name: "20270401-01-automations",
    async up(db) {
      // An automation: its name, status and latest version. `trigger_kind` / `trigger_match` copy the
      // latest version's trigger so the runtime finds the enabled automations an input can start
      // without reading every definition (trigger_match: the event type, the tag, or null).
      await withTimestamps(
        db.schema
          .createTable("automations")
          .addColumn("id", t.id, (c) => c.primaryKey())
          .addColumn("workspace_id", t.id, (c) => c.notNull())
          .addColumn("name", t.text, (c) => c.notNull())
          .addColumn("description", t.text)
          .addColumn("status", t.text, (c) => c.notNull()) // draft | enabled | paused | archived
          .addColumn("version", t.int, (c) => c.notNull())
          .addColumn("trigger_kind", t.text, (c) => c.notNull())
          .addColumn("trigger_match", t.text)
          .addColumn("recipe", t.text)
          .addColumn("enabled_at", t.millis),
      ).execute();
      await db.schema
        .createIndex("automations_by_trigger")
        .on("automations")
        .columns(["workspace_id", "status", "trigger_kind", "trigger_match"])
        .execute();
      await db.schema.createIndex("automations_list").on("automations").columns(["workspace_id", "id"]).execute();
      // Each version's definition (model.ts). `frozen` = it has been enabled: journeys may run on it,
      // so an edit writes a new version instead of changing it.
      await db.schema
        .createTable("automation_versions")
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("automation_id", t.id, (c) => c.notNull())
        .addColumn("version", t.int, (c) => c.notNull())
        .addColumn("definition", t.json, (c) => c.notNull())
        .addColumn("frozen", t.flag, (c) => c.notNull())
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addPrimaryKeyConstraint("automation_versions_pk", ["automation_id", "version"])
        .execute();
    },
  },
];
