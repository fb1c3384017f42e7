import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import { notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findWorkspace, listAllWorkspaces, renameWorkspace, type Workspace } from "./workspaces.repo.js";

export const listWorkspaces = (deps: { db: AnyDb }): Promise<Workspace[]> => listAllWorkspaces(deps.db);

export async function getWorkspace(deps: { db: AnyDb }, workspaceId: WorkspaceId): Promise<Workspace> {
  const ws = await findWorkspace(deps.db, workspaceId);
  if (!ws) throw notFound("The workspace");
  return ws;
}

/** A new display name (owners and admins); members see it on their next read. */
export async function renameOwnWorkspace(
  deps: { db: AnyDb; clock: Clock },
  workspaceId: WorkspaceId,
  name: string,
): Promise<Workspace> {
  if (!(await renameWorkspace(deps.db, workspaceId, name, deps.clock.now()))) throw notFound("The workspace");
  return getWorkspace(deps, workspaceId);
}
