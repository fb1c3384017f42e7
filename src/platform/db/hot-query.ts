import { CompiledQuery, type Compilable, type QueryResult } from "kysely";
import type { AnyDb } from "./database.js";
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
 * vary in length: those stay ordinary queries).
 */
export function hotQuery<A extends unknown[], R>(
  build: (db: AnyDb, args: A) => Compilable<R>,
): (executor: Executor, ...args: A) => Promise<QueryResult<R>> {
  const compiled = new Map<unknown, { sql: string; parameters: readonly unknown[] }>();
  return (executor, ...args) => {
    const dialect = executor.getExecutor().adapter.constructor;
    let c = compiled.get(dialect);
    if (!c) {
      // Destructured by the builder (`(db, [workspaceId, wamid]) => ...`); a rest element gets the
      // remaining slots of a generous fixed number.
      const slots = Array.from({ length: MAX_SLOTS }, (_, i) => new Slot(i)) as unknown as A;
      const q = build(executor as AnyDb, slots).compile();
      c = { sql: q.sql, parameters: q.parameters };
      compiled.set(dialect, c);
    }
    const parameters = c.parameters.map((p) => (p instanceof Slot ? args[p.index] : p));
    return executor.executeQuery<R>(CompiledQuery.raw(c.sql, parameters));
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
