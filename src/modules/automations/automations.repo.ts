import type { AnyDb, Executor } from "../../platform/db/index.js";
import { hotQuery, typed, workspaceTable } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { automationDefinition, type AutomationDefinition, type AutomationStatus, type TriggerKind } from "./model.js";

export interface AutomationRow {
  id: string;
  workspace_id: string;
  name: string;
  description: string | null;
  status: AutomationStatus;
  version: number;
  trigger_kind: TriggerKind;
  trigger_match: string | null;
  recipe: string | null;
  enabled_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface AutomationVersionRow {
  workspace_id: string;
  automation_id: string;
  version: number;
  definition: string;
  frozen: number;
  created_at: number;
}

interface Tables {
  automations: AutomationRow;
  automation_versions: AutomationVersionRow;
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);
const automations = workspaceTable<AutomationRow>({ table: "automations" });
const versions = workspaceTable<AutomationVersionRow>({ table: "automation_versions" });

/** An automation with one version's definition, as the runtime and the API read it. */
export interface AutomationWithVersion {
  automation: AutomationRow;
  version: number;
  frozen: boolean;
  definition: AutomationDefinition;
}

/** Stored definitions passed the schema when saved; parsing again fills defaults added since. */
export const parseDefinition = (json: string): AutomationDefinition => automationDefinition.parse(JSON.parse(json));

export async function insertAutomation(
  trx: Executor,
  workspaceId: WorkspaceId,
  row: Omit<AutomationRow, "workspace_id">,
  definition: AutomationDefinition,
): Promise<void> {
  await automations.insert(trx, workspaceId, row);
  await insertVersion(trx, workspaceId, row.id, row.version, definition, row.created_at);
}

export async function insertVersion(
  trx: Executor,
  workspaceId: WorkspaceId,
  automationId: string,
  version: number,
  definition: AutomationDefinition,
  now: number,
): Promise<void> {
  await versions.insert(trx, workspaceId, {
    automation_id: automationId,
    version,
    definition: JSON.stringify(definition),
    frozen: 0,
    created_at: now,
  });
}

/** Rewrites a version that was never enabled (a draft's edits do not pile up versions). */
export async function replaceDraftVersion(
  trx: Executor,
  workspaceId: WorkspaceId,
  automationId: string,
  version: number,
  definition: AutomationDefinition,
): Promise<boolean> {
  const draft = { automation_id: automationId, version, frozen: 0 };
  return (await versions.update(trx, workspaceId, draft, { definition: JSON.stringify(definition) })) > 0;
}

export async function freezeVersion(
  trx: Executor,
  workspaceId: WorkspaceId,
  automationId: string,
  version: number,
): Promise<void> {
  await versions.update(trx, workspaceId, { automation_id: automationId, version }, { frozen: 1 });
}

export async function updateAutomationRow(
  trx: Executor,
  workspaceId: WorkspaceId,
  id: string,
  patch: Partial<Omit<AutomationRow, "id" | "workspace_id" | "created_at">>,
): Promise<void> {
  await automations.update(trx, workspaceId, { id }, patch);
}

export async function findAutomationRow(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  id: string,
): Promise<AutomationRow | null> {
  return automations.find(db, workspaceId, { id });
}

/**
 * Writes the row only if its version is still `expected` (an optimistic check: two edits of one
 * automation never both write the same next version). Answers whether it did.
 */
export async function updateAutomationIfVersion(
  trx: Executor,
  workspaceId: WorkspaceId,
  id: string,
  expected: number,
  patch: Partial<Omit<AutomationRow, "id" | "workspace_id" | "created_at">>,
): Promise<boolean> {
  return (await automations.update(trx, workspaceId, { id, version: expected }, patch)) > 0;
}

export async function listAutomationRows(
  db: AnyDb,
  workspaceId: WorkspaceId,
  opts: { status?: AutomationStatus | undefined; after?: string | undefined; limit: number },
): Promise<AutomationRow[]> {
  let query = q(db).selectFrom("automations").selectAll().where("workspace_id", "=", workspaceId);
  if (opts.status) query = query.where("status", "=", opts.status);
  else query = query.where("status", "!=", "archived");
  if (opts.after) query = query.where("id", "<", opts.after);
  return query.orderBy("id", "desc").limit(opts.limit).execute();
}

/** One version of an automation (a running journey's), or null. */
export async function getAutomationVersion(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  automationId: string,
  version: number,
): Promise<AutomationWithVersion | null> {
  const automation = await findAutomationRow(db, workspaceId, automationId);
  if (!automation) return null;
  const row = await versions.find(db, workspaceId, { automation_id: automationId, version });
  if (!row) return null;
  return { automation, version: row.version, frozen: row.frozen === 1, definition: parseDefinition(row.definition) };
}

/** The automation with its latest version. */
export async function findAutomation(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  id: string,
): Promise<AutomationWithVersion | null> {
  const automation = await findAutomationRow(db, workspaceId, id);
  return automation ? getAutomationVersion(db, workspaceId, id, automation.version) : null;
}

/**
 * The enabled automations an input of this kind may start (for `event`, `tag_added`: only those
 * whose trigger names `match`), each with the latest version: the one a new journey starts on.
 */
export async function findEnabledAutomations(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  kind: TriggerKind,
  match?: string,
): Promise<AutomationWithVersion[]> {
  let query = q(db)
    .selectFrom("automations as a")
    .innerJoin("automation_versions as v", (j) =>
      j.onRef("v.automation_id", "=", "a.id").onRef("v.version", "=", "a.version"),
    )
    .selectAll("a")
    .select(["v.definition", "v.frozen"])
    .where("a.workspace_id", "=", workspaceId)
    .where("v.workspace_id", "=", workspaceId)
    .where("a.status", "=", "enabled")
    .where("a.trigger_kind", "=", kind);
  if (match !== undefined) query = query.where("a.trigger_match", "=", match);
  const rows = await query.orderBy("a.id").execute();
  return rows.map(({ definition, frozen, ...automation }) => ({
    automation,
    version: automation.version,
    frozen: frozen === 1,
    definition: parseDefinition(definition),
  }));
}

// Whether any enabled automation of a trigger kind exists: asked for every event a journey may hear
// (each status of each message), so built once (platform/db/hot-query.ts) and answered without
// reading or parsing definitions. The same rows as `findEnabledAutomations`, joined the same way.
const enabledOfKind = (db: AnyDb, workspaceId: WorkspaceId, kind: TriggerKind) =>
  q(db)
    .selectFrom("automations as a")
    .innerJoin("automation_versions as v", (j) =>
      j.onRef("v.automation_id", "=", "a.id").onRef("v.version", "=", "a.version"),
    )
    .select("a.id")
    .where("a.workspace_id", "=", workspaceId)
    .where("v.workspace_id", "=", workspaceId)
    .where("a.status", "=", "enabled")
    .where("a.trigger_kind", "=", kind)
    .limit(1);
const enabledOfKindHot = hotQuery((db, [workspaceId, kind]: [WorkspaceId, TriggerKind]) =>
  enabledOfKind(db, workspaceId, kind),
);
const enabledOfKindMatchingHot = hotQuery((db, [workspaceId, kind, match]: [WorkspaceId, TriggerKind, string]) =>
  enabledOfKind(db, workspaceId, kind).where("a.trigger_match", "=", match),
);

/** Whether `findEnabledAutomations` with the same arguments would find any. */
export async function hasEnabledAutomations(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  kind: TriggerKind,
  match?: string,
): Promise<boolean> {
  const found =
    match === undefined
      ? await enabledOfKindHot(db, workspaceId, kind)
      : await enabledOfKindMatchingHot(db, workspaceId, kind, match);
  return found.rows.length > 0;
}

/** Every workspace's enabled automations of one trigger kind (the schedule sweep); each row carries its workspace. */
// cross-tenant: the schedule sweep runs for every workspace
export async function listEnabledAutomationsEverywhere(db: AnyDb, kind: TriggerKind): Promise<AutomationWithVersion[]> {
  const rows = await q(db)
    .selectFrom("automations as a")
    .innerJoin("automation_versions as v", (j) =>
      j.onRef("v.automation_id", "=", "a.id").onRef("v.version", "=", "a.version"),
    )
    .selectAll("a")
    .select(["v.definition", "v.frozen"])
    .where("a.status", "=", "enabled")
    .where("a.trigger_kind", "=", kind)
    .orderBy("a.id")
    .execute();
  return rows.map(({ definition, frozen, ...automation }) => ({
    automation,
    version: automation.version,
    frozen: frozen === 1,
    definition: parseDefinition(definition),
  }));
}
