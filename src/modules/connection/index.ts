export { connectionMigrations } from "./connection.migrations.js";
import type { WharfModule } from "../../platform/module.js";
import { checkTokensJob, type CheckDeps } from "./check-connection.js";
import { connectionRoutes } from "./connection.routes.js";
import { syncNumbersJob } from "./sync-numbers.job.js";
import type { WorkspaceGraphDeps } from "./workspace-graph.js";

export function connectionModule(deps: CheckDeps & WorkspaceGraphDeps): WharfModule {
  return {
    name: "connection",
    routes: (app) => connectionRoutes(app, deps),
    jobs: [checkTokensJob(deps), syncNumbersJob(deps)],
  };
}
export {
  graphForWorkspace,
  catalogGraphForWorkspace,
  reportTokenFailure,
  type BoundGraph,
  type WorkspaceGraphDeps,
} from "./workspace-graph.js";
export { getActivePhoneNumber } from "./activate-phone-number.js";
export { metaFailure } from "./meta-failure.js";
export { findPhoneNumberOwners, updatePhoneNumberHealth } from "./phone-numbers.repo.js";
export { findConnection, workspacesOfWaba, type ConnectionStatus } from "./connection.repo.js";
export type { MetaApp } from "./meta-app.js";
