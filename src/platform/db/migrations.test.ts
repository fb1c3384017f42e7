import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../../config/index.js";
import { openDatabase } from "./database.js";
import { migrate, type WharfMigration } from "./migrations.js";

const pgUrl = testDatabaseUrl();

const list: WharfMigration[] = [
  {
    name: "20200101-01-thing",
    up: async (db) => void (await db.schema.createTable("thing").addColumn("id", "text").execute()),
  },
];

// An operator (or bench/scale-out.ts) may name the schema in DATABASE_URL alone (`options=-c
// search_path=...`): the migrations must then keep their bookkeeping there, not find another
// schema's `kysely_migration` and skip their own.
describe.skipIf(!pgUrl)("migrations in the schema a DATABASE_URL's search_path names [postgres]", () => {
  it("runs every migration in that schema although another schema of the database has run them", async () => {
    const admin = new pg.Client({ connectionString: pgUrl! });
    await admin.connect();
    const [first, second] = [0, 1].map(() => `mig_${randomBytes(5).toString("hex")}`) as [string, string];
    const inSchema = (schema: string) => {
      const url = new URL(pgUrl!);
      url.searchParams.set("options", `-c search_path=${schema}`);
      return openDatabase({ url: url.toString(), dataDir: "/nonexistent" });
    };
    try {
      for (const s of [first, second]) await admin.query(`create schema "${s}"`);
      for (const schema of [first, second]) {
        const database = inSchema(schema);
        try {
          expect((await migrate(database.db, "postgres", list)).applied).toEqual(["20200101-01-thing"]);
          const tables = await sql<{ table_schema: string }>`
            select table_schema from information_schema.tables where table_name in ('thing', 'kysely_migration') and table_schema = ${schema}`.execute(
            database.db,
          );
          expect(tables.rows.length).toBe(2);
          // A second start finds its own bookkeeping: nothing to apply.
          expect((await migrate(database.db, "postgres", list)).applied).toEqual([]);
        } finally {
          await database.close();
        }
      }
    } finally {
      for (const s of [first, second]) await admin.query(`drop schema if exists "${s}" cascade`);
      await admin.end();
    }
  }, 60_000);
});
