import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import { notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import {
  findWorkspace,
  listAllWorkspaces,
  updateWorkspace,
  type Workspace,
  type WorkspaceSettings,
} from "./workspaces.repo.js";

export const listWorkspaces = (deps: { db: AnyDb }): Promise<Workspace[]> => listAllWorkspaces(deps.db);

export async function getWorkspace(deps: { db: AnyDb }, workspaceId: WorkspaceId): Promise<Workspace> {
  const ws = await findWorkspace(deps.db, workspaceId);
  if (!ws) throw notFound("The workspace");
  return ws;
}

/** New settings (owners and admins): only the fields given change; members see them on their next read. */
export async function updateOwnWorkspace(
  deps: { db: AnyDb; clock: Clock },
  workspaceId: WorkspaceId,
  settings: WorkspaceSettings,
): Promise<Workspace> {
  if (!(await updateWorkspace(deps.db, workspaceId, settings, deps.clock.now()))) throw notFound("The workspace");
  return getWorkspace(deps, workspaceId);
}

/**
 * The workspace's time zone: what a schedule or a time-of-day wait that names none counts in.
 * UTC for a workspace that no longer exists (its automations stop elsewhere).
 */
export async function workspaceTimeZone(db: AnyDb, workspaceId: WorkspaceId): Promise<string> {
  return (await findWorkspace(db, workspaceId))?.timeZone ?? "UTC";
}
