import type { AnyDb } from "../../platform/db/index.js";

export { workspacesMigrations } from "./workspaces.migrations.js";
import type { Clock } from "../../platform/clock.js";
import type { Vault } from "../../platform/crypto/index.js";
import type { WharfModule } from "../../platform/module.js";
import { workspacesRoutes } from "./workspaces.routes.js";

export function workspacesModule(deps: { db: AnyDb; vault: Vault; clock: Clock }): WharfModule {
  return { name: "workspaces", routes: (app) => workspacesRoutes(app, deps) };
}
export { createWorkspace } from "./create-workspace.js";
export { findWorkspace, lockWorkspace, workspaceNames, type Workspace } from "./workspaces.repo.js";
export { WORKSPACE_LANGUAGES, type WorkspaceLanguage } from "./workspace.js";

export { apiKeyResolver, createApiKey } from "./api-keys.js";
export { findApiKeyWorkspace, revokeApiKey } from "./workspaces.repo.js";
export { workspaceTimeZone } from "./list-workspaces.js";
