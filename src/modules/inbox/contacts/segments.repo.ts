import type { AnyDb, Executor } from "../../../platform/db/index.js";
import { workspaceTable } from "../../../platform/db/index.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";

export interface SegmentRow {
  id: string;
  workspace_id: string;
  name: string;
  filter: string;
  created_at: number;
  updated_at: number;
}

const segments = workspaceTable<SegmentRow>({ table: "segments" });

export async function insertSegment(
  executor: Executor,
  workspaceId: WorkspaceId,
  row: Omit<SegmentRow, "workspace_id">,
): Promise<void> {
  await segments.insert(executor, workspaceId, row);
}

export async function findSegment(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  id: string,
): Promise<SegmentRow | null> {
  return segments.find(db, workspaceId, { id });
}

export async function findSegmentByName(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  name: string,
): Promise<SegmentRow | null> {
  return segments.find(db, workspaceId, { name });
}

export async function listSegmentRows(db: AnyDb, workspaceId: WorkspaceId): Promise<SegmentRow[]> {
  return segments.list(db, workspaceId, {}, { orderBy: [["name", "asc"]], limit: 500 });
}

export async function updateSegmentRow(
  executor: Executor,
  workspaceId: WorkspaceId,
  id: string,
  change: Partial<Pick<SegmentRow, "name" | "filter">>,
  now: number,
): Promise<void> {
  await segments.update(executor, workspaceId, { id }, { ...change, updated_at: now });
}

export async function deleteSegmentRow(executor: Executor, workspaceId: WorkspaceId, id: string): Promise<boolean> {
  return (await segments.delete(executor, workspaceId, { id })) > 0;
}
