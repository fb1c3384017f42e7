export { buildHttpServer, type App, type HttpServerOptions } from "./server.js";
export { NO_CONTENT, redirectTo, type RouteDocs } from "./openapi-docs.js";
export { serveDashboard } from "./dashboard.js";
export { MEMBERS, readRoute, type ReadSchema } from "./read-route.js";
export { registerAuth, SESSION_COOKIE, CSRF_HEADER, type AuthResolvers } from "./auth.js";
export {
  requireOperator,
  requireWorkspace,
  requireSession,
  requireRole,
  type Principal,
  type Role,
  type RouteAccess,
} from "./principal.js";
