import type { WharfMigration } from "../db/index.js";
import { t } from "../db/index.js";

export const vaultMigrations: WharfMigration[] = [
  {
    name: "20261123-01-vault",
    async up(db) {
      await db.schema
        .createTable("workspace_keys")
        .addColumn("workspace_id", t.id, (c) => c.primaryKey())
        .addColumn("wrapped_key", t.text, (c) => c.notNull())
        .addColumn("master_key_id", t.text, (c) => c.notNull())
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addColumn("updated_at", t.millis, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("secrets")
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("purpose", t.text, (c) => c.notNull())
        .addColumn("record_id", t.text, (c) => c.notNull())
        .addColumn("ciphertext", t.text, (c) => c.notNull())
        .addColumn("updated_at", t.millis, (c) => c.notNull())
        .addPrimaryKeyConstraint("secrets_pk", ["workspace_id", "purpose", "record_id"])
        .execute();
    },
  },
];
