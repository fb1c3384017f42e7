export { accessMigrations } from "./access.migrations.js";
export { accessRoutes } from "./access.routes.js";
export { addUserToWorkspace } from "./create-user.js";
export { resolveSession } from "./sessions.js";
