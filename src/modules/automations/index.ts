export { automationsMigrations } from "./automations.migrations.js";
export * from "./model.js";
export {
  findAutomation,
  findEnabledAutomations,
  hasEnabledAutomations,
  getAutomationVersion,
  listEnabledAutomationsEverywhere,
  type AutomationRow,
  type AutomationWithVersion,
} from "./automations.repo.js";
export { eventKeyPath, exitEventKey, journeyKey, type TriggerInput } from "./keys.js";
export { readPath } from "./paths.js";
export type { JourneyContext } from "./context.js";
export { compare, conditionHolds, evaluateCondition, evaluateConditions } from "./conditions.js";
export { placeholdersIn, renderTemplate, renderText, renderValue, resolvePath, type TemplateShape } from "./render.js";
export { compileSafeRegex, MAX_MATCHED_TEXT } from "./safe-regex.js";
export { cronMatches, nextCronTime, parseCron, type Cron } from "./cron.js";
export { RECIPES, type Recipe } from "./recipes.js";
export { dryRunAutomation, type DryRunContact } from "./dry-run.js";
export type { JourneyReads, AutomationsRouteDeps } from "./automations.routes.js";

import type { WharfModule } from "../../platform/module.js";
import { automationsRoutes, type AutomationsRouteDeps } from "./automations.routes.js";

/** Automations: the model, its API (CRUD, enable/pause, recipes, dry run) and the runtime's read routes. */
export function automationsModule(deps: AutomationsRouteDeps): WharfModule {
  return { name: "automations", routes: (app) => automationsRoutes(app, deps) };
}
