import type { AnyDb, Executor, ImportRowBase } from "../../platform/db/index.js";
import { workspaceTable } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

export interface ImportRow extends ImportRowBase {
  unchanged: number;
}

const imports = workspaceTable<ImportRow>({ table: "catalog_imports" });

export async function insertImport(db: AnyDb, workspaceId: WorkspaceId, row: Omit<ImportRow, "workspace_id">) {
  await imports.insert(db, workspaceId, row);
}

export async function updateImport(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  id: string,
  patch: Partial<Omit<ImportRow, "id" | "workspace_id">>,
): Promise<void> {
  await imports.update(db, workspaceId, { id }, patch);
}

export async function findImport(db: AnyDb, workspaceId: WorkspaceId, id: string): Promise<ImportRow | null> {
  return imports.find(db, workspaceId, { id });
}
