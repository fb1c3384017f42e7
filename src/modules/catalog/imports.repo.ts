import type { AnyDb, Executor } from "../../platform/db/index.js";
import { typed } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

export interface ImportRow {
  id: string;
  workspace_id: string;
  format: "csv" | "ndjson";
  status: "running" | "completed" | "failed";
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  /** JSON: the first errors, [{line, message}]. */
  errors: string;
  error: string | null;
  created_at: number;
  finished_at: number | null;
}

interface Tables {
  catalog_imports: ImportRow;
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);

export async function insertImport(db: AnyDb, workspaceId: WorkspaceId, row: Omit<ImportRow, "workspace_id">) {
  await q(db)
    .insertInto("catalog_imports")
    .values({ ...row, workspace_id: workspaceId })
    .execute();
}

export async function updateImport(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  id: string,
  patch: Partial<Omit<ImportRow, "id" | "workspace_id">>,
): Promise<void> {
  await q(db)
    .updateTable("catalog_imports")
    .set(patch)
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .execute();
}

export async function findImport(db: AnyDb, workspaceId: WorkspaceId, id: string): Promise<ImportRow | null> {
  return (
    (await q(db)
      .selectFrom("catalog_imports")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", id)
      .executeTakeFirst()) ?? null
  );
}
