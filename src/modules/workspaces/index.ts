import type { AnyDb } from "../../platform/db/index.js";
import { hashToken } from "../../platform/crypto/index.js";
import type { Principal } from "../../platform/http/index.js";
import { API_KEY_PREFIX } from "./create-workspace.js";
import { findWorkspaceByKeyHash } from "./workspaces.repo.js";

export { workspacesMigrations } from "./workspaces.migrations.js";
import type { Clock } from "../../platform/clock.js";
import type { Vault } from "../../platform/crypto/index.js";
import type { WharfModule } from "../../platform/module.js";
import { workspacesRoutes } from "./workspaces.routes.js";

export function workspacesModule(deps: { db: AnyDb; vault: Vault; clock: Clock }): WharfModule {
  return { name: "workspaces", routes: (app) => workspacesRoutes(app, deps) };
}
export { createWorkspace } from "./create-workspace.js";
export { findWorkspace, type Workspace } from "./workspaces.repo.js";

export async function resolveApiKey(db: AnyDb, token: string): Promise<Principal | null> {
  if (!token.startsWith(API_KEY_PREFIX)) return null;
  const found = await findWorkspaceByKeyHash(db, hashToken(token));
  return found ? { kind: "api_key", workspaceId: found.workspaceId, keyId: found.keyId } : null;
}
