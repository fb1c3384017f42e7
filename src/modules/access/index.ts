export { accessMigrations } from "./access.migrations.js";
import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import type { WharfModule } from "../../platform/module.js";
import { accessRoutes } from "./access.routes.js";

export function accessModule(deps: {
  db: AnyDb;
  clock: Clock;
  sessionTtlMs: number;
  secureCookies: boolean;
  publicUrl: string;
}): WharfModule {
  return { name: "access", routes: (app) => accessRoutes(app, deps) };
}
export { addUserToWorkspace } from "./create-user.js";
export { resolveSession } from "./sessions.js";
export { resetPassword } from "./manage-members.js";
export { findMembership, findUserByEmail } from "./access.repo.js";
export { beginAttempt, THROTTLE_LIMITS, THROTTLE_WINDOW_MS, type Attempt } from "./attempt-throttle.js";
