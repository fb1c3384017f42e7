import path from "node:path";
import Sqlite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { createPrivateFile, secureDataDir } from "./data-dir.js";

export type DialectName = "sqlite" | "postgres";

/** The untyped handle passed between layers; each repository narrows it to its own tables with `typed`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- no global schema type exists by design (see `typed`)
export type AnyDb = Kysely<any>;

export interface Database {
  db: AnyDb;
  dialect: DialectName;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://... ; when null, SQLite in `dataDir`. */
  url: string | null;
  dataDir: string;
  poolSize?: number;
  /** PostgreSQL schema to use as search_path (tests give each file its own). */
  schema?: string;
  /** SQLite file name inside dataDir. */
  sqliteFile?: string;
}

// int8 (bigint) columns hold epoch milliseconds and counters, all far below 2^53: read them as numbers.
pg.types.setTypeParser(20, (v: string) => Number(v));

export function openDatabase(options: DatabaseOptions): Database {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10, options.schema);
  return openSqlite(path.join(options.dataDir, options.sqliteFile ?? "wharf.db"));
}

function openPostgres(url: string, max: number, schema?: string): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client that loses its connection emits 'error' on the pool; without a listener that
  // would crash the process. The next query gets a fresh connection.
  pool.on("error", () => {});
  const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", close: () => db.destroy() };
}

function openSqlite(file: string): Database {
  secureDataDir(path.dirname(file));
  createPrivateFile(file);
  const conn = new Sqlite(file);
  conn.pragma("journal_mode = WAL");
  // FULL: a webhook or a message acknowledged to a caller is on disk, not only in the OS cache.
  conn.pragma("synchronous = FULL");
  conn.pragma("foreign_keys = ON");
  // Several processes (a worker beside `wharf serve`, a test's child process) may share the file.
  conn.pragma("busy_timeout = 5000");
  const db = new Kysely({ dialect: new SqliteDialect({ database: withStatementCache(conn) }) });
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

/**
 * Kysely prepares every query anew; with better-sqlite3, preparing costs more than running a small
 * query. The same SQL text (parameters are bound separately) reuses its prepared statement.
 *
 * Kysely opens transactions with a plain (deferred) `begin`. When two processes share the file
 * (`wharf serve` beside `wharf worker`), a deferred transaction that read before the other's
 * commit cannot then write: SQLite answers SQLITE_BUSY_SNAPSHOT at once, without waiting. `begin
 * immediate` takes the write lock first, so the second transaction waits (busy_timeout) instead.
 */
function withStatementCache(conn: Sqlite.Database): Pick<Sqlite.Database, "prepare" | "close"> {
  const cache = new Map<string, Sqlite.Statement>();
  return {
    prepare(text: string) {
      const source = text === "begin" ? "begin immediate" : text;
      let stmt = cache.get(source);
      if (!stmt) {
        stmt = conn.prepare(source);
        if (cache.size >= 1000) cache.delete(cache.keys().next().value as string);
        cache.set(source, stmt);
      }
      return stmt;
    },
    close: () => conn.close(),
  } as Pick<Sqlite.Database, "prepare" | "close">;
}

export async function ping(db: AnyDb): Promise<void> {
  await sql`select 1`.execute(db);
}
