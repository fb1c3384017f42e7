import type { AnyDb } from "../../platform/db/index.js";
import type { Role } from "../../platform/http/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { workspaceNames } from "../workspaces/index.js";
import { membershipRowsOf } from "./access.repo.js";

/**
 * The workspaces a user belongs to, by name (the dashboard's workspace switcher; a login starts in
 * the first). The names are the workspaces module's, asked for by id.
 */
export async function membershipsOf(
  db: AnyDb,
  userId: string,
): Promise<Array<{ workspaceId: WorkspaceId; name: string; role: Role }>> {
  const rows = await membershipRowsOf(db, userId);
  const names = await workspaceNames(
    db,
    rows.map((r) => r.workspaceId),
  );
  return rows
    .map((r) => ({ workspaceId: r.workspaceId, name: names.get(r.workspaceId) ?? "", role: r.role }))
    .sort((a, b) => compare(a.name, b.name) || compare(a.workspaceId, b.workspaceId));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
