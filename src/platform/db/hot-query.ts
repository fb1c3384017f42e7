import { CompiledQuery, type Compilable, type QueryResult } from "kysely";
import { directStatementsOf, type AnyDb } from "./database.js";
import type { Executor } from "./typed.js";

/** Room for a multi-row insert of 100 rows of 30 columns. */
const MAX_SLOTS = 3000;

/** Stands for the i-th argument while a hot query is compiled. */
class Slot {
  constructor(readonly index: number) {}
}

/**
 * A query of fixed shape that runs thousands of times a second (a status webhook, a send). Kysely
 * builds and compiles every query from scratch: measured on the send path, that JS cost more than
 * SQLite running the statement. A hot query is built once per dialect with a placeholder for
 * each argument, and each call only swaps the arguments into the compiled parameters. The builder
 * must not compute with its arguments (pass `now - DAY`, not `now`) nor expand them (`in` lists
 * vary in length: `hotListQuery`). Kysely's plugins only see queries as they are built: on an
 * executor with plugins, a hot query is built each time like any other.
 */
export function hotQuery<A extends unknown[], R>(
  build: (db: AnyDb, args: A) => Compilable<R>,
): (executor: Executor, ...args: A) => Promise<QueryResult<R>> {
  const compiled = new Map<unknown, Compiled>();
  return (executor, ...args) => {
    const queryExecutor = executor.getExecutor();
    // With plugins (a test's probe) the query is built as any other, so they see and change it.
    if (queryExecutor.plugins.length > 0) return executor.executeQuery<R>(build(executor as AnyDb, args));
    const dialect = queryExecutor.adapter.constructor;
    let c = compiled.get(dialect);
    if (!c) {
      // Destructured by the builder (`(db, [workspaceId, wamid]) => ...`); a rest element gets the
      // remaining slots of a generous fixed number.
      c = compile(build(executor as AnyDb, allSlots() as unknown as A));
      compiled.set(dialect, c);
    }
    return run<R>(executor, queryExecutor.adapter, c.sql, c.bind(args));
  };
}

/**
 * Runs a compiled hot query: on SQLite directly on the connection when Kysely would run it at once
 * (database.ts, `DirectStatements`), else through Kysely. Errors come as a rejected promise either way.
 */
function run<R>(executor: Executor, adapter: object, text: string, parameters: unknown[]): Promise<QueryResult<R>> {
  const statements = directStatementsOf(adapter);
  if (statements) {
    try {
      const result = statements.execute(text, parameters, executor.isTransaction);
      // A promise when the statement wrote outside a transaction: it resolves once that is on disk.
      if (result) return Promise.resolve(result) as Promise<QueryResult<R>>;
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
  return executor.executeQuery<R>(CompiledQuery.raw(text, parameters));
}

const allSlots = () => Array.from({ length: MAX_SLOTS }, (_, i) => new Slot(i));

/** A compiled query and how to make its parameters from a call's arguments. */
interface Compiled {
  sql: string;
  bind(args: readonly unknown[]): unknown[];
}

function compile(query: Compilable<unknown>): Compiled {
  const q = query.compile();
  // Per parameter, the argument it takes (>= 0) or -1 for the builder's own constant.
  const from = q.parameters.map((p) => (p instanceof Slot ? p.index : -1));
  const constants = q.parameters.map((p) => (p instanceof Slot ? undefined : p));
  return {
    sql: q.sql,
    bind(args) {
      const out: unknown[] = new Array(from.length);
      for (let i = 0; i < from.length; i++) {
        const a = from[i]!;
        out[i] = a >= 0 ? args[a] : constants[i];
      }
      return out;
    },
  };
}

/**
 * A hot query with lists in it (`in (...)`), compiled once per dialect and per list lengths:
 * Kysely building such a query anew cost ~1 ms for a list of 40 (a value node per item, each
 * frozen, then compiled). The builder gets one list of slots per list argument, of its length,
 * and the scalars as slots after them; the same rules as `hotQuery` hold. Batches come in a
 * bounded number of sizes; past 500 shapes of a dialect the oldest compiled one is dropped.
 */
export function hotListQuery<R>(
  build: (db: AnyDb, lists: unknown[][], scalars: unknown[]) => Compilable<R>,
): (
  executor: Executor,
  lists: readonly (readonly unknown[])[],
  scalars: readonly unknown[],
) => Promise<QueryResult<R>> {
  // Per dialect, by the lists' lengths.
  const byDialect = new Map<unknown, Map<string, Compiled>>();
  return (executor, lists, scalars) => {
    const queryExecutor = executor.getExecutor();
    if (queryExecutor.plugins.length > 0)
      return executor.executeQuery<R>(build(executor as AnyDb, lists as unknown[][], scalars as unknown[]));
    const dialect = queryExecutor.adapter.constructor;
    let compiled = byDialect.get(dialect);
    if (!compiled) byDialect.set(dialect, (compiled = new Map<string, Compiled>()));
    const key = lists.map((l) => l.length).join(",");
    let c = compiled.get(key);
    if (!c) {
      const total = lists.reduce((n, l) => n + l.length, 0) + scalars.length;
      if (total > MAX_SLOTS) throw new Error(`hotListQuery takes at most ${MAX_SLOTS} values, not ${total}`);
      let next = 0;
      const listSlots = lists.map((l) => Array.from({ length: l.length }, () => new Slot(next++)));
      const scalarSlots = scalars.map(() => new Slot(next++));
      c = compile(build(executor as AnyDb, listSlots, scalarSlots));
      if (compiled.size >= 500) compiled.delete(compiled.keys().next().value as string);
      compiled.set(key, c);
    }
    const args: unknown[] = [];
    for (const l of lists) for (const v of l) args.push(v);
    for (const v of scalars) args.push(v);
    return run<R>(executor, queryExecutor.adapter, c.sql, c.bind(args));
  };
}

/**
 * A multi-row insert of fixed columns, compiled once per row count (batches come in a bounded
 * number of sizes). `build` gets the rows as objects of slots and adds what follows `values`.
 */
export function hotInsert<Row extends object, R = unknown>(
  columns: readonly (keyof Row & string)[],
  build: (db: AnyDb, rows: Row[]) => Compilable<R>,
): (executor: Executor, rows: Row[]) => Promise<QueryResult<R>> {
  if (columns.length * 100 > MAX_SLOTS) throw new Error("hotInsert: too many columns for 100-row batches");
  const bySize = new Map<number, (executor: Executor, ...args: unknown[]) => Promise<QueryResult<R>>>();
  return (executor, rows) => {
    if (rows.length === 0 || rows.length > 100) throw new Error(`hotInsert takes 1 to 100 rows, not ${rows.length}`);
    let run = bySize.get(rows.length);
    if (!run) {
      const n = rows.length;
      run = hotQuery((db, slots: unknown[]) =>
        build(
          db,
          Array.from(
            { length: n },
            (_, r) => Object.fromEntries(columns.map((c, i) => [c, slots[r * columns.length + i]])) as Row,
          ),
        ),
      );
      bySize.set(n, run);
    }
    const args: unknown[] = [];
    for (const row of rows) for (const c of columns) args.push(row[c]);
    return run(executor, ...args);
  };
}
