import type { AnyDb } from "../../platform/db/index.js";
import { newId } from "../../platform/crypto/ids.js";
import { AppError, notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import {
  findAutomation,
  freezeVersion,
  insertAutomation,
  insertVersion,
  listAutomationRows,
  replaceDraftVersion,
  updateAutomationIfVersion,
  type AutomationWithVersion,
} from "./automations.repo.js";
import { automationDefinition, type AutomationDefinition, type AutomationStatus, type Trigger } from "./model.js";
import { validateDefinition, type ValidationDeps } from "./validate-definition.js";

export type AutomationsDeps = ValidationDeps;

export interface AutomationView extends AutomationDefinition {
  id: string;
  name: string;
  description: string | null;
  status: AutomationStatus;
  version: number;
  recipe: string | null;
  enabledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function automationView(a: AutomationWithVersion): AutomationView {
  const r = a.automation;
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    status: r.status,
    version: a.version,
    recipe: r.recipe,
    ...a.definition,
    enabledAt: iso(r.enabled_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

/** The trigger's indexed columns: the runtime finds candidate automations by them. */
function triggerColumns(trigger: Trigger): { trigger_kind: Trigger["kind"]; trigger_match: string | null } {
  const match = trigger.kind === "event" ? trigger.eventType : trigger.kind === "tag_added" ? trigger.tag : null;
  return { trigger_kind: trigger.kind, trigger_match: match };
}

export interface CreateAutomationInput extends AutomationDefinition {
  name: string;
  description?: string | null | undefined;
  recipe?: string | null | undefined;
}

export async function createAutomation(
  deps: AutomationsDeps,
  workspaceId: WorkspaceId,
  input: CreateAutomationInput,
): Promise<AutomationView> {
  const { name, description, recipe, ...rest } = input;
  const definition = automationDefinition.parse(rest);
  await validateDefinition(deps, workspaceId, definition);
  const now = deps.clock.now();
  const id = newId("aut", now);
  await deps.db.transaction().execute(async (trx) => {
    await insertAutomation(
      trx,
      workspaceId,
      {
        id,
        name,
        description: description ?? null,
        status: "draft",
        version: 1,
        ...triggerColumns(definition.trigger),
        recipe: recipe ?? null,
        enabled_at: null,
        created_at: now,
        updated_at: now,
      },
      definition,
    );
  });
  return getAutomation(deps.db, workspaceId, id);
}

export async function getAutomation(db: AnyDb, workspaceId: WorkspaceId, id: string): Promise<AutomationView> {
  const found = await findAutomation(db, workspaceId, id);
  if (!found) throw notFound("Automation");
  return automationView(found);
}

export async function listAutomations(
  db: AnyDb,
  workspaceId: WorkspaceId,
  opts: { status?: AutomationStatus | undefined; cursor?: string | undefined; limit: number },
): Promise<{ data: AutomationView[]; nextCursor: string | null }> {
  const rows = await listAutomationRows(db, workspaceId, {
    status: opts.status,
    after: opts.cursor,
    limit: opts.limit + 1,
  });
  const page = rows.slice(0, opts.limit);
  const data: AutomationView[] = [];
  for (const r of page) {
    const found = await findAutomation(db, workspaceId, r.id);
    if (found) data.push(automationView(found));
  }
  return { data, nextCursor: rows.length > opts.limit ? page[page.length - 1]!.id : null };
}

/** PATCH's body: the definition parts are checked here, by the model's schemas. */
export interface UpdateAutomationInput {
  name?: string | undefined;
  description?: string | null | undefined;
  trigger?: unknown;
  conditions?: unknown;
  steps?: unknown;
  exit?: unknown;
  reentry?: unknown;
  limits?: unknown;
}

function parseDefinition(input: unknown): AutomationDefinition {
  const parsed = automationDefinition.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`);
  throw new AppError("VALIDATION_FAILED", `The automation is not valid: ${issues.join("; ")}.`);
}

/**
 * PATCH: top-level fields replace the stored ones. A version that was never enabled is edited in
 * place; once enabled it is frozen (journeys run on it), so the edit becomes version + 1, which new
 * journeys start on. Two concurrent edits: the version check lets one win; the other retries.
 */
export async function updateAutomation(
  deps: AutomationsDeps,
  workspaceId: WorkspaceId,
  id: string,
  input: UpdateAutomationInput,
): Promise<AutomationView> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await findAutomation(deps.db, workspaceId, id);
    if (!current) throw notFound("Automation");
    if (current.automation.status === "archived")
      throw new AppError("CONFLICT", "This automation is archived; create a new one (or from a recipe) instead.");
    const { name, description, ...patch } = input;
    const definition = parseDefinition({ ...current.definition, ...stripUndefined(patch) });
    await validateDefinition(deps, workspaceId, definition);
    const now = deps.clock.now();
    const changed = JSON.stringify(definition) !== JSON.stringify(current.definition);
    const done = await deps.db.transaction().execute(async (trx) => {
      const v = current.version;
      const next = changed && current.frozen ? v + 1 : v;
      const ok = await updateAutomationIfVersion(trx, workspaceId, id, v, {
        ...(name !== undefined ? { name } : {}),
        ...(description !== undefined ? { description } : {}),
        version: next,
        ...triggerColumns(definition.trigger),
        updated_at: now,
      });
      if (!ok) return false;
      if (!changed) return true;
      if (next !== v) {
        await insertVersion(trx, workspaceId, id, next, definition, now);
        // An enabled automation starts journeys on its latest version at once: it is in use.
        if (current.automation.status === "enabled") await freezeVersion(trx, workspaceId, id, next);
        return true;
      }
      return replaceDraftVersion(trx, workspaceId, id, v, definition);
    });
    if (done) return getAutomation(deps.db, workspaceId, id);
  }
  throw new AppError("CONFLICT", "The automation changed while this edit was saved; read it again and retry.");
}

const stripUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * Enable (from draft or paused): checked again (a template may have been rejected since it was
 * saved), the version is frozen, and new journeys start on it. Pause: no new journeys, and the
 * runtime ends running ones with reason `paused`. Archive (DELETE): as pause, for good.
 */
export async function setAutomationStatus(
  deps: AutomationsDeps,
  workspaceId: WorkspaceId,
  id: string,
  to: "enabled" | "paused" | "archived",
): Promise<AutomationView> {
  const current = await findAutomation(deps.db, workspaceId, id);
  if (!current) throw notFound("Automation");
  const from = current.automation.status;
  if (from === to) return automationView(current);
  if (from === "archived") throw new AppError("CONFLICT", "This automation is archived; it cannot change any more.");
  if (to === "paused" && from !== "enabled")
    throw new AppError("CONFLICT", `Only an enabled automation can be paused; this one is ${from}.`);
  if (to === "enabled") await validateDefinition(deps, workspaceId, current.definition);
  const now = deps.clock.now();
  const ok = await deps.db.transaction().execute(async (trx) => {
    const written = await updateAutomationIfVersion(trx, workspaceId, id, current.version, {
      status: to,
      updated_at: now,
      ...(to === "enabled" ? { enabled_at: now } : {}),
    });
    if (written && to === "enabled") await freezeVersion(trx, workspaceId, id, current.version);
    return written;
  });
  if (!ok) throw new AppError("CONFLICT", "The automation changed meanwhile; read it again and retry.");
  return getAutomation(deps.db, workspaceId, id);
}
