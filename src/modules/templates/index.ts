export { templatesMigrations } from "./templates.migrations.js";
import type { EventBus } from "../../platform/events.js";
import type { JobQueue } from "../../platform/jobs/index.js";
import type { WharfModule } from "../../platform/module.js";
import { syncTemplatesJob, syncTemplatesOnConnect, syncWorkspaceTemplatesJob } from "./sync-templates.job.js";
import type { TemplatesDeps } from "./sync-templates.js";
import { templatesRoutes } from "./templates.routes.js";

/** Routes, the hourly sync, and the sync that follows a new connection. */
export function templatesModule(deps: TemplatesDeps & { events: EventBus; jobs: JobQueue }): WharfModule {
  const syncWorkspace = syncWorkspaceTemplatesJob(deps);
  let unsubscribe: (() => void) | null = null;
  return {
    name: "templates",
    routes: (app) => templatesRoutes(app, deps),
    jobs: [syncTemplatesJob(deps), syncWorkspace],
    start() {
      unsubscribe ??= syncTemplatesOnConnect(deps, syncWorkspace);
    },
    stop() {
      unsubscribe?.();
      unsubscribe = null;
    },
  };
}
export { getTemplateForSend } from "./get-template-for-send.js";
export { findTemplateShape } from "./find-template-shape.js";
export { createTemplate, type CreateTemplateInput } from "./create-template.js";
export { applyTemplateStatusUpdate, type TemplateStatusUpdate } from "./apply-template-status-update.js";
export { applyTemplateDetailsUpdate, type TemplateDetailsUpdate } from "./apply-template-details-update.js";
export type { TemplateForSend } from "./template-view.js";
export type { TemplatesDeps } from "./sync-templates.js";
