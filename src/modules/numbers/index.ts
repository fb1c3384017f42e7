import type { WharfModule } from "../../platform/module.js";
import { deletionDueJob } from "./deletion.js";
import { numbersRoutes } from "./numbers.routes.js";
import { advanceWorkflowJob } from "./run-steps.js";
import type { NumbersDeps } from "./workflow.js";

export { numbersMigrations } from "./numbers.migrations.js";

/**
 * Numbers over their life (issue 19): add and verify, migration from another provider, health,
 * deregister and deletion, as workflows with persisted state moved on by routes and jobs.
 */
export function numbersModule(deps: NumbersDeps): WharfModule {
  const advance = advanceWorkflowJob(deps);
  const deletionDue = deletionDueJob(deps, advance);
  return {
    name: "numbers",
    routes: (app) => numbersRoutes(app, deps, { advance, deletionDue }),
    jobs: [advance, deletionDue],
  };
}
