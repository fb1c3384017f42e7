import type { AnyDb, Executor, ImportRowBase } from "../../../platform/db/index.js";
import { workspaceTable } from "../../../platform/db/index.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";

export interface ImportRow extends ImportRowBase {
  updated_at: number;
}

const imports = workspaceTable<ImportRow>({ table: "contact_imports" });

export async function insertImport(
  executor: Executor,
  workspaceId: WorkspaceId,
  row: Omit<ImportRow, "workspace_id">,
): Promise<void> {
  await imports.insert(executor, workspaceId, row);
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
  await imports.update(executor, workspaceId, { id }, { ...change, updated_at: now });
}

export async function findImport(db: AnyDb, workspaceId: WorkspaceId, id: string): Promise<ImportRow | null> {
  return imports.find(db, workspaceId, { id });
}

export async function listImportRows(db: AnyDb, workspaceId: WorkspaceId, limit: number): Promise<ImportRow[]> {
  return imports.list(db, workspaceId, {}, { orderBy: [["id", "desc"]], limit });
}
