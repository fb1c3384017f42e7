import { Migrator, sql, type Migration, type MigrationProvider } from "kysely";
import type { AnyDb, DialectName } from "./database.js";

/**
 * A migration written once for both dialects. Names sort in the order they must run
 * (`YYYYMMDD-NN-what`); each module contributes its own and main.ts gathers them.
 */
export interface WharfMigration {
  name: string;
  up(db: AnyDb, dialect: DialectName): Promise<void>;
}

export interface MigrationReport {
  applied: string[];
}

function provider(list: WharfMigration[], dialect: DialectName): MigrationProvider {
  return {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const m of list) {
        if (out[m.name]) throw new Error(`duplicate migration name ${m.name}`);
        out[m.name] = { up: (db) => m.up(db, dialect) };
      }
      return out;
    },
  };
}

/**
 * Runs what is pending. Kysely's migrator takes a lock, so several processes starting at once are
 * safe. On PostgreSQL with its own schema (each test file has one) the bookkeeping tables must be
 * named in that schema: Kysely looks for them across all schemas and would find another's. Without
 * a schema given, that is the connection's own (`current_schema()`: the first of its search_path,
 * which an operator may set in DATABASE_URL, e.g. `?options=-c%20search_path%3Dwharf`).
 */
export async function migrate(
  db: AnyDb,
  dialect: DialectName,
  list: WharfMigration[],
  schema?: string,
): Promise<MigrationReport> {
  const own =
    dialect === "postgres"
      ? (schema ?? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema)
      : undefined;
  const migrator = new Migrator({
    db,
    provider: provider(list, dialect),
    ...(own ? { migrationTableSchema: own } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new Error(`migration ${failed ?? "(unknown)"} failed: ${(error as Error).message}`, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName) };
}

/** For /readyz: every migration this build knows has been applied. */
export async function pendingMigrations(db: AnyDb, list: WharfMigration[]): Promise<string[]> {
  let done: Set<string>;
  try {
    const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    done = new Set(rows.rows.map((r) => r.name));
  } catch {
    done = new Set();
  }
  return list.map((m) => m.name).filter((n) => !done.has(n));
}
