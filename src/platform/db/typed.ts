import { PostgresAdapter, type Kysely, type Transaction } from "kysely";
import type { AnyDb } from "./database.js";

/** A query executor: the database handle or a transaction on it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a handle or transaction on any module's tables, narrowed by `typed`
export type Executor = Kysely<any> | Transaction<any>;

/**
 * Narrows the shared handle to the tables one module owns. Modules declare their own table
 * interfaces; there is deliberately no global schema type that every module would have to touch.
 */
export function typed<Tables>(db: AnyDb | Executor): Kysely<Tables> {
  return db as unknown as Kysely<Tables>;
}

/** Booleans are stored as 0/1 on both dialects so that rows read the same everywhere. */
export const toFlag = (b: boolean): number => (b ? 1 : 0);
export const fromFlag = (n: number | boolean | null | undefined): boolean => n === 1 || n === true;

/**
 * Whether an executor talks to PostgreSQL: for what only PostgreSQL needs, such as row locks taken
 * in a fixed order (SQLite has one writer at a time, so its transactions never wait on each other).
 */
export const isPostgres = (executor: Executor): boolean => executor.getExecutor().adapter instanceof PostgresAdapter;

/**
 * A LIKE pattern that finds `text` anywhere, its wildcards and the escape character taken
 * literally; the query must say `escape '\'` (both dialects read it the same way).
 */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
