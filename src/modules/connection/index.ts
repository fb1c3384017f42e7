export { connectionMigrations } from "./connection.migrations.js";
import type { WharfModule } from "../../platform/module.js";
import { checkTokensJob, type CheckDeps } from "./check-connection.js";
import { connectionRoutes } from "./connection.routes.js";
import { syncNumbersJob } from "./sync-numbers.job.js";
import type { WorkspaceChannelDeps } from "./workspace-channel.js";
import type { ConnectD360Deps } from "./connect-d360.js";

export function connectionModule(deps: CheckDeps & WorkspaceChannelDeps & ConnectD360Deps): WharfModule {
  return {
    name: "connection",
    routes: (app) => connectionRoutes(app, deps),
    jobs: [checkTokensJob(deps), syncNumbersJob(deps)],
  };
}
export {
  channelForWorkspace,
  catalogForWorkspace,
  reportTokenFailure,
  type WorkspaceChannelDeps,
} from "./workspace-channel.js";
export {
  getActivePhoneNumber,
  getActivePhoneNumberAndConnection,
  activatePhoneNumber,
  deregisterPhoneNumber,
} from "./activate-phone-number.js";
export { applyNumberHealth, getSendingPhoneNumber, healthFromMeta, pauseReasons } from "./number-health.js";
export { syncPhoneNumbers } from "./sync-phone-numbers.js";
export { phoneNumberView } from "./describe-connection.js";
export {
  findPhoneNumberOwners,
  findPhoneNumberRow,
  listPhoneNumberRows,
  setPhoneNumberLifecycle,
  portfolioKey,
  portfolioPhoneNumberIds,
  updatePhoneNumberHealth,
  type PhoneNumberRow,
} from "./phone-numbers.repo.js";
export {
  findConnection,
  mergeCapabilities,
  setAccountEvent,
  workspacesOfWaba,
  type ConnectionStatus,
} from "./connection.repo.js";
export type { MetaApp } from "./meta-app.js";
export type { D360Connector, ConnectD360Deps } from "./connect-d360.js";
