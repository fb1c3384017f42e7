import path from "node:path";
import Sqlite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql, type Driver, type QueryResult } from "kysely";
import pg from "pg";
import { createPrivateFile, secureDataDir } from "./data-dir.js";
import { durableDriver, WalSync } from "./wal-sync.js";

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
  const walMode = conn.pragma("journal_mode = WAL", { simple: true }) === "wal";
  // A webhook or a message acknowledged to a caller is on disk, not only in the OS cache: every
  // write is waited on until an fsync of the WAL, off the event loop, covers it (wal-sync.ts). On
  // a file system without WAL (SQLite keeps its rollback journal) each commit syncs on its own.
  conn.pragma(walMode ? "synchronous = NORMAL" : "synchronous = FULL");
  conn.pragma("foreign_keys = ON");
  // Several processes (a worker beside `wharf serve`, a test's child process) may share the file.
  conn.pragma("busy_timeout = 5000");
  const wal = new WalSync(walMode ? `${file}-wal` : null);
  const statements = withStatementCache(conn, wal);
  const db = new Kysely({ dialect: new DurableSqliteDialect({ database: statements }, wal) });
  // Transactions and plugin-free handles of this database share its adapter.
  direct.set(db.getExecutor().adapter, {
    execute(text, parameters, inTransaction) {
      // Another's open transaction holds the only connection: Kysely's mutex makes the caller wait.
      if (!inTransaction && conn.inTransaction) return null;
      const stmt = statements.prepare(text);
      let result: QueryResult<unknown>;
      if (stmt.reader) result = { rows: stmt.all(parameters) };
      else {
        const { changes, lastInsertRowid } = stmt.run(parameters);
        result = { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
      }
      // A write of its own (autocommit): answered once it is on disk, as Kysely's path is.
      return inTransaction || !stmt.writes ? result : wal.durable().then(() => result);
    },
  });
  return {
    db,
    dialect: "sqlite",
    close: async () => {
      await db.destroy();
      wal.close();
    },
  };
}

/** Kysely's SQLite dialect with a driver that waits for durability after releasing the connection. */
class DurableSqliteDialect extends SqliteDialect {
  readonly #wal: WalSync;
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0], wal: WalSync) {
    super(config);
    this.#wal = wal;
  }
  override createDriver(): Driver {
    return durableDriver(super.createDriver(), this.#wal);
  }
}

/**
 * A statement run on an SQLite connection without Kysely's executor, for hot queries
 * (hot-query.ts): Kysely runs each statement through its connection mutex and some eight async
 * layers, which on the send path cost more than many of the statements (docs/ARCHITECTURE.md, "Where
 * the CPU of a message goes"). Only where Kysely would run it at once on the same connection: in a
 * transaction, which holds the connection (`inTransaction`), or on the handle while no
 * transaction is open. `null`: not now, go through Kysely (which waits for the transaction).
 */
export interface DirectStatements {
  execute(
    text: string,
    parameters: readonly unknown[],
    inTransaction: boolean,
  ): QueryResult<unknown> | Promise<QueryResult<unknown>> | null;
}

const direct = new WeakMap<object, DirectStatements>();

/** The direct statements of the SQLite database whose Kysely adapter this is; none for PostgreSQL. */
export const directStatementsOf = (adapter: object): DirectStatements | undefined => direct.get(adapter);

/**
 * Kysely prepares every query anew; with better-sqlite3, preparing costs more than running a small
 * query. The same SQL text (parameters are bound separately) reuses its prepared statement.
 *
 * Kysely opens transactions with a plain (deferred) `begin`. When two processes share the file
 * (`wharf serve` beside `wharf worker`), a deferred transaction that read before the other's
 * commit cannot then write: SQLite answers SQLITE_BUSY_SNAPSHOT at once, without waiting. `begin
 * immediate` takes the write lock first, so the second transaction waits (busy_timeout) instead.
 *
 * Rows are read as arrays and made into objects by `rowMaker`: better-sqlite3 builds each row
 * object key by key in native code, which for a row of 20 columns cost ~1.5x, and for 20 such rows
 * ~2.2x, what reading the values and one object literal per row cost (docs/ARCHITECTURE.md, "Where
 * the CPU of a message goes"); the literal also gives every row of a statement one shape.
 */
function withStatementCache(
  conn: Sqlite.Database,
  wal: WalSync,
): { prepare(text: string): CachedStatement; close(): void } {
  const cache = new Map<string, CachedStatement>();
  return {
    // Every run of a statement, Kysely's or a hot query's, prepares it once: a write is counted here
    // for durability (wal-sync.ts).
    prepare(text: string) {
      const source = text === "begin" ? "begin immediate" : text;
      let stmt = cache.get(source);
      if (!stmt) {
        // A schema change may give a cached `select *` other columns: every row maker is made again.
        if (/^\s*(create|alter|drop)\s/i.test(source)) for (const s of cache.values()) s.stale = true;
        stmt = cachedStatement(conn.prepare(source));
        if (cache.size >= 1000) cache.delete(cache.keys().next().value as string);
        cache.set(source, stmt);
      }
      if (stmt.writes) wal.wrote();
      return stmt;
    },
    close: () => conn.close(),
  };
}

/** The part of a better-sqlite3 statement Kysely's SQLite driver uses. */
interface CachedStatement {
  readonly reader: boolean;
  /** May change the database (`insert … returning` reads too); transaction control does not count. */
  readonly writes: boolean;
  all(parameters: readonly unknown[]): unknown[];
  run(parameters: readonly unknown[]): Sqlite.RunResult;
  iterate(parameters: readonly unknown[]): IterableIterator<unknown>;
  /** Set when the schema may have changed since the row maker was made. */
  stale: boolean;
}

function cachedStatement(stmt: Sqlite.Statement): CachedStatement {
  // SQLite counts `begin immediate` as a write (it takes the write lock); transaction control
  // writes nothing of its own.
  const writes = !stmt.readonly && !/^\s*(begin|commit|end|rollback|savepoint|release)\b/i.test(stmt.source);
  if (!stmt.reader)
    return {
      reader: false,
      writes,
      stale: false,
      all: (p) => stmt.all(p),
      run: (p) => stmt.run(p),
      iterate: (p) => stmt.iterate(p),
    };
  stmt.raw(true);
  let width = -1;
  let make: (values: unknown[]) => unknown = (values) => values;
  const rowOf = (values: unknown[]): unknown => {
    if (values.length !== width || out.stale) {
      const names = stmt.columns().map((c) => c.name);
      make = rowMaker(names);
      width = names.length;
      out.stale = false;
    }
    return make(values);
  };
  const out: CachedStatement = {
    reader: true,
    writes,
    stale: false,
    all(p) {
      const rows = stmt.all(p) as unknown[][];
      const made: unknown[] = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) made[i] = rowOf(rows[i]!);
      return made;
    },
    run: (p) => stmt.run(p),
    *iterate(p) {
      for (const values of stmt.iterate(p) as IterableIterator<unknown[]>) yield rowOf(values);
    },
  };
  return out;
}

/**
 * A function from a row's values to the object better-sqlite3 would have built: one object
 * literal with the columns as keys, in order (a later column of the same name wins, as there).
 * Column names are SQLite's and may be anything an alias says, so each is a quoted key; a
 * `__proto__` column, which a literal would take as the prototype, is set as a property instead.
 */
export function rowMaker(names: readonly string[]): (values: unknown[]) => unknown {
  if (names.includes("__proto__"))
    return (values) => {
      const row: Record<string, unknown> = {};
      names.forEach((n, i) =>
        Object.defineProperty(row, n, { value: values[i], enumerable: true, writable: true, configurable: true }),
      );
      return row;
    };
  const fields = names.map((n, i) => `${JSON.stringify(n)}: v[${i}]`).join(", ");
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- built from column names, each a JSON string literal
  return new Function("v", `return { ${fields} };`) as (values: unknown[]) => unknown;
}

export async function ping(db: AnyDb): Promise<void> {
  await sql`select 1`.execute(db);
}
