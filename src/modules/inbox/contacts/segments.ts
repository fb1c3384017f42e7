import { newId } from "../../../platform/crypto/index.js";
import type { AnyDb, Executor } from "../../../platform/db/index.js";
import { AppError, notFound } from "../../../platform/errors/index.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";
import { countContactRows } from "./directory.repo.js";
import { ContactFilter, resolveFilter } from "./filter.js";
import type { ContactDeps } from "./manage-contacts.js";
import {
  deleteSegmentRow,
  findSegment,
  findSegmentByName,
  insertSegment,
  listSegmentRows,
  updateSegmentRow,
  type SegmentRow,
} from "./segments.repo.js";

export interface SegmentView {
  id: string;
  name: string;
  filter: ContactFilter;
  /** Contacts matching now (counted on each read). */
  count: number;
  createdAt: string;
  updatedAt: string;
}

/** A stored filter, read back through the schema (a filter stored by an older version still parses, or is refused here). */
export function segmentFilter(row: SegmentRow): ContactFilter {
  return ContactFilter.parse(JSON.parse(row.filter));
}

async function view(db: AnyDb | Executor, workspaceId: WorkspaceId, row: SegmentRow): Promise<SegmentView> {
  const filter = segmentFilter(row);
  return {
    id: row.id,
    name: row.name,
    filter,
    count: await countContactRows(db, workspaceId, await resolveFilter(db, workspaceId, filter)),
    createdAt: new Date(Number(row.created_at)).toISOString(),
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
  };
}

export async function getSegmentRow(db: AnyDb | Executor, workspaceId: WorkspaceId, id: string): Promise<SegmentRow> {
  const row = await findSegment(db, workspaceId, id);
  if (!row) throw notFound("The segment");
  return row;
}

export async function getSegment(deps: ContactDeps, workspaceId: WorkspaceId, id: string): Promise<SegmentView> {
  return view(deps.db, workspaceId, await getSegmentRow(deps.db, workspaceId, id));
}

export async function listSegments(deps: ContactDeps, workspaceId: WorkspaceId): Promise<SegmentView[]> {
  const rows = await listSegmentRows(deps.db, workspaceId);
  const out: SegmentView[] = [];
  for (const r of rows) out.push(await view(deps.db, workspaceId, r));
  return out;
}

export async function createSegment(
  deps: ContactDeps,
  workspaceId: WorkspaceId,
  input: { name: string; filter: ContactFilter },
): Promise<SegmentView> {
  await resolveFilter(deps.db, workspaceId, input.filter); // unknown attributes are refused now, not at count time
  const now = deps.clock.now();
  const id = newId("seg", now);
  await deps.db.transaction().execute(async (trx) => {
    if (await findSegmentByName(trx, workspaceId, input.name))
      throw new AppError("ALREADY_EXISTS", `A segment is already named "${input.name}".`);
    await insertSegment(trx, workspaceId, {
      id,
      name: input.name,
      filter: JSON.stringify(input.filter),
      created_at: now,
      updated_at: now,
    });
  });
  return getSegment(deps, workspaceId, id);
}

export async function updateSegment(
  deps: ContactDeps,
  workspaceId: WorkspaceId,
  id: string,
  input: { name?: string | undefined; filter?: ContactFilter | undefined },
): Promise<SegmentView> {
  await getSegmentRow(deps.db, workspaceId, id); // another workspace's id is a 404 before the body is judged
  if (input.filter) await resolveFilter(deps.db, workspaceId, input.filter);
  await deps.db.transaction().execute(async (trx) => {
    await getSegmentRow(trx, workspaceId, id);
    if (input.name !== undefined) {
      const other = await findSegmentByName(trx, workspaceId, input.name);
      if (other && other.id !== id) throw new AppError("ALREADY_EXISTS", `A segment is already named "${input.name}".`);
    }
    await updateSegmentRow(
      trx,
      workspaceId,
      id,
      {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.filter !== undefined ? { filter: JSON.stringify(input.filter) } : {}),
      },
      deps.clock.now(),
    );
  });
  return getSegment(deps, workspaceId, id);
}

export async function deleteSegment(deps: ContactDeps, workspaceId: WorkspaceId, id: string): Promise<void> {
  const gone = await deps.db.transaction().execute((trx) => deleteSegmentRow(trx, workspaceId, id));
  if (!gone) throw notFound("The segment");
}
