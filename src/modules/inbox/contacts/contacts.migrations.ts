import { sql } from "kysely";
import { newId } from "../../../platform/crypto/index.js";
import { t, typed, type WharfMigration } from "../../../platform/db/index.js";

/** A real number on both dialects (SQLite stores it as REAL): attribute values that are numbers or dates. */
const real = sql`double precision`;

interface BackfillTables {
  contacts: { workspace_id: string; wa_id: string; id: string | null; created_at: number };
}

export const contactsMigrations: WharfMigration[] = [
  {
    name: "20270110-01-contacts-profile",
    async up(db) {
      // A contact gets an id of its own (its phone can change: a BSUID merge, an erasure), the
      // profile a business keeps (email, its own external id, language) and the proof of consent.
      await db.schema.alterTable("contacts").addColumn("id", t.id).execute();
      await db.schema.alterTable("contacts").addColumn("email", t.text).execute();
      await db.schema.alterTable("contacts").addColumn("external_id", t.text).execute();
      await db.schema.alterTable("contacts").addColumn("language", t.text).execute();
      await db.schema.alterTable("contacts").addColumn("consent_proof", t.text).execute();
      const q = typed<BackfillTables>(db);
      for (;;) {
        const rows = await q
          .selectFrom("contacts")
          .select(["workspace_id", "wa_id", "created_at"])
          .where("id", "is", null)
          .limit(1000)
          .execute();
        if (rows.length === 0) break;
        await db.transaction().execute(async (trx) => {
          for (const r of rows)
            await typed<BackfillTables>(trx)
              .updateTable("contacts")
              .set({ id: newId("ctc", Number(r.created_at)) })
              .where("workspace_id", "=", r.workspace_id)
              .where("wa_id", "=", r.wa_id)
              .execute();
        });
      }
      await db.schema.createIndex("contacts_id").on("contacts").columns(["workspace_id", "id"]).unique().execute();
      await db.schema.createIndex("contacts_email").on("contacts").columns(["workspace_id", "email"]).execute();
      await db.schema
        .createIndex("contacts_external_id")
        .on("contacts")
        .columns(["workspace_id", "external_id"])
        .execute();
      await db.schema
        .createIndex("contacts_last_inbound")
        .on("contacts")
        .columns(["workspace_id", "last_inbound_at"])
        .execute();
    },
  },
  {
    name: "20270110-02-contact-tags-attributes",
    async up(db) {
      await db.schema
        .createTable("contact_tags")
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("contact_id", t.id, (c) => c.notNull())
        .addColumn("tag", t.text, (c) => c.notNull())
        .addPrimaryKeyConstraint("contact_tags_pk", ["workspace_id", "contact_id", "tag"])
        .execute();
      await db.schema
        .createIndex("contact_tags_by_tag")
        .on("contact_tags")
        .columns(["workspace_id", "tag", "contact_id"])
        .execute();
      // Custom attributes are typed per workspace: text, number, date (epoch ms) or boolean (0/1).
      await db.schema
        .createTable("contact_attribute_defs")
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("name", t.text, (c) => c.notNull())
        .addColumn("type", t.text, (c) => c.notNull())
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addPrimaryKeyConstraint("contact_attribute_defs_pk", ["workspace_id", "name"])
        .execute();
      await db.schema
        .createTable("contact_attributes")
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("contact_id", t.id, (c) => c.notNull())
        .addColumn("name", t.text, (c) => c.notNull())
        .addColumn("text_value", t.text)
        .addColumn("num_value", real)
        .addPrimaryKeyConstraint("contact_attributes_pk", ["workspace_id", "contact_id", "name"])
        .execute();
      await db.schema
        .createIndex("contact_attributes_by_num")
        .on("contact_attributes")
        .columns(["workspace_id", "name", "num_value"])
        .execute();
    },
  },
  {
    name: "20270111-01-consent-history",
    async up(db) {
      // Every consent statement, applied or not (an import's opt-in after an opt-out is kept as refused).
      await db.schema
        .createTable("contact_consent_events")
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("contact_id", t.id, (c) => c.notNull())
        .addColumn("marketing", t.text, (c) => c.notNull()) // opted_in | opted_out
        .addColumn("source", t.text, (c) => c.notNull())
        .addColumn("at", t.millis, (c) => c.notNull())
        .addColumn("proof", t.text)
        .addColumn("applied", t.flag, (c) => c.notNull())
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("contact_consent_events_contact")
        .on("contact_consent_events")
        .columns(["workspace_id", "contact_id", "id"])
        .execute();
      // The consent each contact already had becomes the first entry of its history.
      await sql`insert into contact_consent_events (id, workspace_id, contact_id, marketing, source, at, proof, applied, created_at)
        select 'cns_' || id, workspace_id, id, case when marketing_opt_in = 1 then 'opted_in' else 'opted_out' end,
          coalesce(consent_source, 'api'), consent_at, null, 1, coalesce(consent_at, created_at)
        from contacts where marketing_opt_in is not null and consent_at is not null`.execute(db);
      // STOP / START words per workspace and language; a workspace without rows uses the defaults.
      await db.schema
        .createTable("consent_keywords")
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("kind", t.text, (c) => c.notNull()) // stop | start
        .addColumn("language", t.text, (c) => c.notNull())
        .addColumn("keyword", t.text, (c) => c.notNull())
        .addPrimaryKeyConstraint("consent_keywords_pk", ["workspace_id", "kind", "keyword"])
        .execute();
    },
  },
  {
    name: "20270112-01-contact-imports",
    async up(db) {
      await db.schema
        .createTable("contact_imports")
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("format", t.text, (c) => c.notNull()) // csv | ndjson
        .addColumn("status", t.text, (c) => c.notNull()) // running | completed | failed
        .addColumn("rows", t.int, (c) => c.notNull())
        .addColumn("created", t.int, (c) => c.notNull())
        .addColumn("updated", t.int, (c) => c.notNull())
        .addColumn("failed", t.int, (c) => c.notNull())
        .addColumn("errors", t.json, (c) => c.notNull()) // [{line, message}], the first 1,000
        .addColumn("error", t.text) // why a failed import stopped
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addColumn("updated_at", t.millis, (c) => c.notNull())
        .addColumn("finished_at", t.millis)
        .execute();
      await db.schema
        .createIndex("contact_imports_recent")
        .on("contact_imports")
        .columns(["workspace_id", "id"])
        .execute();
    },
  },
  {
    name: "20270113-01-segments",
    async up(db) {
      await db.schema
        .createTable("segments")
        .addColumn("id", t.id, (c) => c.primaryKey())
        .addColumn("workspace_id", t.id, (c) => c.notNull())
        .addColumn("name", t.text, (c) => c.notNull())
        .addColumn("filter", t.json, (c) => c.notNull())
        .addColumn("created_at", t.millis, (c) => c.notNull())
        .addColumn("updated_at", t.millis, (c) => c.notNull())
        .addUniqueConstraint("segments_name", ["workspace_id", "name"])
        .execute();
    },
  },
];
