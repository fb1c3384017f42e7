import type { WharfModule } from "../../platform/module.js";
import type { WorkspaceChannelDeps } from "../connection/index.js";
import { mediaRoutes } from "./media.routes.js";

/** Media uploads to Meta: template header samples (Resumable Upload API) and media for messages. No tables. */
export function mediaModule(deps: WorkspaceChannelDeps): WharfModule {
  return { name: "media", routes: (app) => mediaRoutes(app, deps) };
}
