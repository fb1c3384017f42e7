import type { Executor } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import {
  findEnabledAutomations,
  getAutomationVersion,
  type AutomationDefinition,
  type AutomationWithVersion,
  type TriggerKind,
} from "../automations/index.js";

/** An automation version as the runtime runs it: the automations module's definition, with its status. */
export interface AutomationPlan {
  automationId: string;
  version: number;
  /** The automation's status now (not the version's): anything but enabled ends its journeys (`paused`). */
  status: string;
  definition: AutomationDefinition;
}

const planOf = (a: AutomationWithVersion): AutomationPlan => ({
  automationId: a.automation.id,
  version: a.version,
  status: a.automation.status,
  definition: a.definition,
});

/** The enabled automations an input of this kind may start (`match`: the event type or the tag). */
export async function enabledPlans(db: Executor, ws: WorkspaceId, kind: TriggerKind, match?: string) {
  return (await findEnabledAutomations(db, ws, kind, match)).map(planOf);
}

/** A running journey's version, with its automation's current status; null when it is gone. */
export async function planVersion(db: Executor, ws: WorkspaceId, automationId: string, version: number) {
  const a = await getAutomationVersion(db, ws, automationId, version);
  return a ? planOf(a) : null;
}
