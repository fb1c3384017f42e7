import type { AnyDb, Executor } from "../../../platform/db/index.js";
import { typed } from "../../../platform/db/index.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";

export interface ImportRow {
  id: string;
  workspace_id: string;
  format: "csv" | "ndjson";
  status: "running" | "completed" | "failed";
  rows: number;
  created: number;
  updated: number;
  failed: number;
  /** JSON: [{line, message}], the first MAX_ERRORS. */
  errors: string;
  error: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

interface Tables {
  contact_imports: ImportRow;
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);

export async function insertImport(
  executor: Executor,
  workspaceId: WorkspaceId,
  row: Omit<ImportRow, "workspace_id">,
): Promise<void> {
  await q(executor)
    .insertInto("contact_imports")
    .values({ ...row, workspace_id: workspaceId })
    .execute();
}

export async function updateImport(
  executor: Executor,
  workspaceId: WorkspaceId,
  id: string,
  change: Partial<
    Pick<ImportRow, "status" | "rows" | "created" | "updated" | "failed" | "errors" | "error" | "finished_at">
  >,
  now: number,
): Promise<void> {
  await q(executor)
    .updateTable("contact_imports")
    .set({ ...change, updated_at: now })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .execute();
}

export async function findImport(db: AnyDb, workspaceId: WorkspaceId, id: string): Promise<ImportRow | null> {
  return (
    (await q(db)
      .selectFrom("contact_imports")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", id)
      .executeTakeFirst()) ?? null
  );
}

export async function listImportRows(db: AnyDb, workspaceId: WorkspaceId, limit: number): Promise<ImportRow[]> {
  return q(db)
    .selectFrom("contact_imports")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}
