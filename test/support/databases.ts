import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe } from "vitest";
import { testDatabaseUrl } from "../../src/config/index.js";
import {
  migrate,
  openDatabase,
  type Database,
  type DialectName,
  type WharfMigration,
} from "../../src/platform/db/index.js";
import { randomToken } from "../../src/platform/crypto/index.js";

export interface TestDatabase extends Database {
  /** What a child process needs to open the same database. */
  url: string | null;
  dataDir: string;
  schema: string | undefined;
  /** Closes the handle and drops the schema / deletes the folder. */
  cleanup(): Promise<void>;
}

const pgUrl = testDatabaseUrl();

/** SQLite always; PostgreSQL when WHARF_TEST_DATABASE_URL is set (CI sets it, so both halves run there). */
export const testDialects: DialectName[] = pgUrl ? ["sqlite", "postgres"] : ["sqlite"];

/**
 * Runs a suite once per dialect. The dialect is in the suite name (`[sqlite]`, `[postgres]`), so the
 * PostgreSQL half is counted separately in the CI summary. Without a PostgreSQL URL that half is
 * reported as skipped, never silently absent.
 */
export function describeEachDialect(title: string, body: (dialect: DialectName) => void): void {
  for (const dialect of ["sqlite", "postgres"] as const) {
    const run = testDialects.includes(dialect) ? describe : describe.skip;
    run(`${title} [${dialect}]`, () => body(dialect));
  }
}

export async function openTestDatabase(dialect: DialectName, migrations: WharfMigration[] = []): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-test-"));
  let schema: string | undefined;
  if (dialect === "postgres") {
    if (!pgUrl) throw new Error("WHARF_TEST_DATABASE_URL is not set");
    schema = `t_${randomToken(8)}`;
    await adminQuery(`create schema "${schema}"`);
  }
  const database = openDatabase({ url: dialect === "postgres" ? pgUrl : null, dataDir, schema, poolSize: 5 });
  try {
    if (migrations.length > 0)
      await (schema
        ? whileNoSchemaIsDropped(() => migrate(database.db, database.dialect, migrations, schema))
        : migrate(database.db, database.dialect, migrations, schema));
  } catch (err) {
    // A half-migrated schema left behind would break every later PostgreSQL run.
    await database.close();
    if (schema) await dropSchema(schema);
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    ...database,
    url: dialect === "postgres" ? pgUrl : null,
    dataDir,
    schema,
    async cleanup() {
      await database.close();
      if (schema) await dropSchema(schema);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * An empty PostgreSQL schema of its own, for a whole app started in-process on PostgreSQL
 * (`startWharf({ dialect: "postgres" })`); `migrate` runs inside the schema lock.
 */
export async function createTestSchema(): Promise<{
  url: string;
  schema: string;
  whileMigrating<T>(fn: () => Promise<T>): Promise<T>;
  drop(): Promise<void>;
}> {
  if (!pgUrl) throw new Error("WHARF_TEST_DATABASE_URL is not set");
  const schema = `t_${randomToken(8)}`;
  await adminQuery(`create schema "${schema}"`);
  return { url: pgUrl, schema, whileMigrating: whileNoSchemaIsDropped, drop: () => dropSchema(schema) };
}

/** A schema made by createTestSchema before (a restart test starts Wharf on it again). */
export function reuseTestSchema(schema: string): Awaited<ReturnType<typeof createTestSchema>> {
  if (!pgUrl) throw new Error("WHARF_TEST_DATABASE_URL is not set");
  return { url: pgUrl, schema, whileMigrating: whileNoSchemaIsDropped, drop: () => dropSchema(schema) };
}

/**
 * Kysely's migrator asks the introspector for every table of every schema, and that catalog query
 * fails ("schema t_… does not exist") when another test file drops its schema at that moment.
 * Migrations hold a shared advisory lock and drops an exclusive one, so the two never overlap.
 */
const SCHEMA_LOCK = 727_001;
async function whileNoSchemaIsDropped<T>(fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: pgUrl! });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock_shared($1)", [SCHEMA_LOCK]);
    return await fn();
  } finally {
    await client.end();
  }
}

/**
 * Drops a test schema. A connection the test left open in a transaction on one of its tables (a
 * bug the test should surface, not a reason to hang the run) would block the drop forever: after
 * a while its holders are terminated, named on stderr, and the drop runs again.
 */
async function dropSchema(schema: string): Promise<void> {
  const drop = `select pg_advisory_lock(${SCHEMA_LOCK}); set lock_timeout = '15s'; drop schema "${schema}" cascade`;
  try {
    await adminQuery(drop);
  } catch (err) {
    if ((err as { code?: string }).code !== "55P03") throw err;
    const client = new pg.Client({ connectionString: pgUrl! });
    await client.connect();
    try {
      const held = await client.query<{ pid: number; query: string }>(
        `select distinct a.pid, a.query from pg_locks l
           join pg_class c on c.oid = l.relation join pg_namespace n on n.oid = c.relnamespace
           join pg_stat_activity a on a.pid = l.pid
         where n.nspname = $1 and l.pid <> pg_backend_pid()`,
        [schema],
      );
      for (const h of held.rows) {
        process.stderr.write(`[test schema ${schema}] terminating a connection left holding a lock: ${h.query}\n`);
        await client.query("select pg_terminate_backend($1)", [h.pid]);
      }
    } finally {
      await client.end();
    }
    await adminQuery(drop);
  }
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl! });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Every text value in every table of the schema: for "no secret in plain text" scans. */
export async function dumpAllRows(database: TestDatabase): Promise<string> {
  if (database.dialect === "sqlite") {
    // The raw file and its WAL, byte for byte: what an attacker with the disk would see.
    const file = path.join(database.dataDir, "wharf.db");
    return [file, `${file}-wal`]
      .filter((f) => fs.existsSync(f))
      .map((f) => fs.readFileSync(f).toString("latin1"))
      .join("\n");
  }
  const client = new pg.Client({ connectionString: pgUrl!, options: `-c search_path=${database.schema}` });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = $1",
      [database.schema],
    );
    const parts: string[] = [];
    for (const { table_name } of tables.rows) {
      const rows = await client.query(`select * from "${table_name}"`);
      parts.push(JSON.stringify(rows.rows));
    }
    return parts.join("\n");
  } finally {
    await client.end();
  }
}
