import type { Expression } from "kysely";
import type { WorkspaceId } from "../workspace-id.js";
import type { AnyDb } from "./database.js";
import type { Executor } from "./typed.js";

/**
 * What a statement picks besides the workspace: per column a value (`=`, `is null` for null) or a
 * list (`in`). An empty list picks no row, and the statement is not run.
 */
export type Match<Row> = { readonly [K in keyof Row]?: Row[K] | readonly Row[K][] };

/** New values of an update: a value, or an expression (`sql<number>\`total + ${n}\``, `sql.ref("updated_at")`). */
export type Patch<Row> = { [K in keyof Row]?: Row[K] | Expression<Row[K]> };

/** Sort keys, first to last. */
export type Order<Row> = ReadonlyArray<readonly [keyof Row & string, "asc" | "desc"]>;

/**
 * The statements every tenant table repeats (insert, find, list, update and delete by columns),
 * written once with the workspace always in the statement: an insert sets `workspace_id` from the
 * caller's `WorkspaceId` and every WHERE starts with it, so a repository cannot leave it out.
 * Anything richer (ors, comparisons, joins, upserts) stays a Kysely query in the repository.
 */
export interface WorkspaceTable<Row extends { workspace_id: string }> {
  readonly table: string;
  insert(
    executor: Executor,
    workspaceId: WorkspaceId,
    rows: Omit<Row, "workspace_id"> | Omit<Row, "workspace_id">[],
  ): Promise<void>;
  /** The first row matching (by `orderBy` when given), or null. */
  find(executor: Executor, workspaceId: WorkspaceId, match: Match<Row>, orderBy?: Order<Row>): Promise<Row | null>;
  list(
    executor: Executor,
    workspaceId: WorkspaceId,
    match: Match<Row>,
    options?: { orderBy?: Order<Row>; limit?: number },
  ): Promise<Row[]>;
  /** How many rows changed. */
  update(executor: Executor, workspaceId: WorkspaceId, match: Match<Row>, patch: Patch<Row>): Promise<number>;
  /** How many rows went. */
  delete(executor: Executor, workspaceId: WorkspaceId, match: Match<Row>): Promise<number>;
}

interface Filterable<Q> {
  where(column: string, op: "=" | "in" | "is", value: unknown): Q;
}

/**
 * Adds the workspace and `match` to a statement's WHERE; null when a list is empty (nothing can
 * match). A column given as `undefined` is refused: leaving it out would widen the statement.
 */
function scoped<Q extends Filterable<Q>>(query: Q, workspaceId: WorkspaceId, match: object): Q | null {
  let q = query.where("workspace_id", "=", workspaceId);
  for (const [column, value] of Object.entries(match)) {
    if (value === undefined) throw new Error(`workspaceTable: ${column} is undefined`);
    if (Array.isArray(value) && value.length === 0) return null;
    q = q.where(column, Array.isArray(value) ? "in" : value === null ? "is" : "=", value);
  }
  return q;
}

/** A tenant table's common statements; `table` is named so that test/architecture.test.ts sees who uses it. */
export function workspaceTable<Row extends { workspace_id: string }>(spec: { table: string }): WorkspaceTable<Row> {
  const { table } = spec;
  // The column names and values are checked by `Match<Row>` at the call; Kysely's typing of a
  // table chosen at run time would add nothing.
  const db = (executor: Executor) => executor as AnyDb;
  const select = (executor: Executor, workspaceId: WorkspaceId, match: Match<Row>, orderBy: Order<Row> = []) => {
    const q = scoped(db(executor).selectFrom(table).selectAll(), workspaceId, match);
    return q && orderBy.reduce((acc, [column, dir]) => acc.orderBy(column, dir), q);
  };
  return {
    table,
    async insert(executor, workspaceId, rows) {
      const all = Array.isArray(rows) ? rows : [rows];
      if (all.length === 0) return;
      await db(executor)
        .insertInto(table)
        .values(all.map((r) => ({ ...r, workspace_id: workspaceId })))
        .execute();
    },
    async find(executor, workspaceId, match, orderBy) {
      const q = select(executor, workspaceId, match, orderBy);
      return q ? (((await q.limit(1).executeTakeFirst()) as Row | undefined) ?? null) : null;
    },
    async list(executor, workspaceId, match, options = {}) {
      const q = select(executor, workspaceId, match, options.orderBy);
      if (!q) return [];
      return (await (options.limit === undefined ? q : q.limit(options.limit)).execute()) as Row[];
    },
    async update(executor, workspaceId, match, patch) {
      const q = scoped(db(executor).updateTable(table).set(patch), workspaceId, match);
      return q ? Number((await q.executeTakeFirst()).numUpdatedRows) : 0;
    },
    async delete(executor, workspaceId, match) {
      const q = scoped(db(executor).deleteFrom(table), workspaceId, match);
      return q ? Number((await q.executeTakeFirst()).numDeletedRows) : 0;
    },
  };
}
