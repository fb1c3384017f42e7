import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../core/context.js";
import { registerD360ConfigRoutes } from "./d360-config-routes.js";
import { registerD360ConnectRoutes } from "./d360-connect-routes.js";
import { registerD360ControlRoutes } from "./d360-control-routes.js";
import { registerD360MessagingRoutes } from "./d360-messaging-routes.js";
import { registerD360PartnerRoutes } from "./d360-partner-routes.js";

/** The 360dialog stand-in: its messaging API, Partner API, Connect page and control routes. */
export function registerD360Routes(app: FastifyInstance, ctx: EmulatorContext): void {
  registerD360MessagingRoutes(app, ctx);
  registerD360ConfigRoutes(app, ctx);
  registerD360PartnerRoutes(app, ctx);
  registerD360ConnectRoutes(app, ctx);
  registerD360ControlRoutes(app, ctx);
}

export { D360_SEED } from "./d360-state.js";
export { D360_WABA_PREFIX } from "./d360-messaging-routes.js";
export { D360_HUB_API_PREFIX, D360_HUB_PAGES_PREFIX } from "./d360-partner-routes.js";
export { INVALID_API_KEY } from "./d360-auth.js";
