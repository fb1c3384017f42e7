import type { AnyDb, Executor } from "../../../platform/db/index.js";
import { typed } from "../../../platform/db/index.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";

export interface SegmentRow {
  id: string;
  workspace_id: string;
  name: string;
  filter: string;
  created_at: number;
  updated_at: number;
}

interface Tables {
  segments: SegmentRow;
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);

export async function insertSegment(
  executor: Executor,
  workspaceId: WorkspaceId,
  row: Omit<SegmentRow, "workspace_id">,
): Promise<void> {
  await q(executor)
    .insertInto("segments")
    .values({ ...row, workspace_id: workspaceId })
    .execute();
}

export async function findSegment(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  id: string,
): Promise<SegmentRow | null> {
  return (
    (await q(db)
      .selectFrom("segments")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", id)
      .executeTakeFirst()) ?? null
  );
}

export async function findSegmentByName(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  name: string,
): Promise<SegmentRow | null> {
  return (
    (await q(db)
      .selectFrom("segments")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("name", "=", name)
      .executeTakeFirst()) ?? null
  );
}

export async function listSegmentRows(db: AnyDb, workspaceId: WorkspaceId): Promise<SegmentRow[]> {
  return q(db)
    .selectFrom("segments")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .orderBy("name")
    .limit(500)
    .execute();
}

export async function updateSegmentRow(
  executor: Executor,
  workspaceId: WorkspaceId,
  id: string,
  change: Partial<Pick<SegmentRow, "name" | "filter">>,
  now: number,
): Promise<void> {
  await q(executor)
    .updateTable("segments")
    .set({ ...change, updated_at: now })
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .execute();
}

export async function deleteSegmentRow(executor: Executor, workspaceId: WorkspaceId, id: string): Promise<boolean> {
  const res = await q(executor)
    .deleteFrom("segments")
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
