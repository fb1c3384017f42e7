import type { AnyDb } from "../../platform/db/index.js";
import { notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findWorkspace, listAllWorkspaces, type Workspace } from "./workspaces.repo.js";

export const listWorkspaces = (deps: { db: AnyDb }): Promise<Workspace[]> => listAllWorkspaces(deps.db);

export async function getWorkspace(deps: { db: AnyDb }, workspaceId: WorkspaceId): Promise<Workspace> {
  const ws = await findWorkspace(deps.db, workspaceId);
  if (!ws) throw notFound("The workspace");
  return ws;
}
