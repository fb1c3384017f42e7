import type { WharfModule } from "../../platform/module.js";
import type { WorkspaceGraphDeps } from "../connection/index.js";
import { mediaRoutes } from "./media.routes.js";
import type { HeaderSampleDeps } from "./upload-header-sample.js";

/** Media uploads to Meta: template header samples (Resumable Upload API) and media for messages. No tables. */
export function mediaModule(deps: WorkspaceGraphDeps & { meta: HeaderSampleDeps["meta"] }): WharfModule {
  return { name: "media", routes: (app) => mediaRoutes(app, deps) };
}
