import type { ChannelSession, MessageTemplate } from "../../channels/index.js";
import { newId } from "../../platform/crypto/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { channelForWorkspace, type WorkspaceChannelDeps } from "../connection/index.js";
import { metaFailure } from "./meta-failure.js";
import {
  metaReason,
  recordSyncOutcome,
  removeTemplatesNotSeen,
  upsertTemplateAccount,
  upsertTemplatesFromMeta,
} from "./template-sync.repo.js";
import { normalizeComponents } from "./template-variables.js";
import type { TemplateFromMeta } from "./templates.repo.js";

export type TemplatesDeps = WorkspaceChannelDeps;

export const TEMPLATE_FIELDS = [
  "id",
  "name",
  "language",
  "status",
  "category",
  "parameter_format",
  "components",
  "rejected_reason",
  "quality_score",
] as const;
const PAGE_SIZE = 100;
/** 6,000 templates per WABA is Meta's ceiling; the bound only stops a paging loop that never ends. */
const MAX_PAGES = 100;

export function fromMeta(wabaId: string, t: MessageTemplate): TemplateFromMeta {
  return {
    waba_id: wabaId,
    meta_template_id: t.id,
    name: t.name,
    language: t.language,
    category: t.category,
    status: t.status,
    reason: metaReason(t.rejected_reason),
    parameter_format: t.parameter_format === "NAMED" ? "NAMED" : "POSITIONAL",
    components: JSON.stringify(normalizeComponents(t.components ?? [])),
    quality_score: t.quality_score?.score ?? null,
  };
}

/**
 * Follows Meta's cursor paging over the WABA's templates (or those matching `name`), storing each
 * page as it arrives. Returns the ids Meta listed.
 */
async function pullTemplates(
  deps: TemplatesDeps,
  workspaceId: WorkspaceId,
  g: ChannelSession,
  name?: string,
): Promise<{ seen: Set<string>; added: number; changed: number }> {
  const seen = new Set<string>();
  let added = 0;
  let changed = 0;
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await g.templates.list({ fields: [...TEMPLATE_FIELDS], limit: PAGE_SIZE, after, name });
    const batch = res.data.filter((t) => name === undefined || t.name === name).map((t) => fromMeta(g.accountId, t));
    batch.forEach((t) => seen.add(t.meta_template_id));
    const now = deps.clock.now();
    const counts = await deps.db
      .transaction()
      .execute((trx) => upsertTemplatesFromMeta(trx, workspaceId, batch, now, () => newId("tpl", now)));
    added += counts.added;
    changed += counts.changed;
    after = res.paging?.next ? res.paging.cursors?.after : undefined;
    if (!after) break;
  }
  return { seen, added, changed };
}

export interface SyncResult {
  listed: number;
  added: number;
  changed: number;
  removed: number;
}

/**
 * Pulls every template and its status from Meta: on demand, on a schedule, and after a connect.
 * Templates Meta no longer lists are removed (they were deleted in WhatsApp Manager).
 */
export async function syncTemplates(deps: TemplatesDeps, workspaceId: WorkspaceId): Promise<SyncResult> {
  const g = await channelForWorkspace(deps, workspaceId);
  const startedAt = deps.clock.now();
  await upsertTemplateAccount(deps.db, workspaceId, g.accountId, startedAt);
  try {
    const { seen, added, changed } = await pullTemplates(deps, workspaceId, g);
    const removed = await deps.db
      .transaction()
      .execute((trx) => removeTemplatesNotSeen(trx, workspaceId, seen, startedAt));
    await recordSyncOutcome(deps.db, workspaceId, { ok: true }, deps.clock.now());
    return { listed: seen.size, added, changed, removed };
  } catch (err) {
    const failure = metaFailure(err, "reading the templates");
    await recordSyncOutcome(deps.db, workspaceId, { ok: false, error: failure.message }, deps.clock.now());
    throw failure;
  }
}

/** Re-reads one template name (every language): what the send path does before saying "not found". */
export async function syncTemplateName(deps: TemplatesDeps, workspaceId: WorkspaceId, name: string): Promise<void> {
  const g = await channelForWorkspace(deps, workspaceId);
  const startedAt = deps.clock.now();
  await upsertTemplateAccount(deps.db, workspaceId, g.accountId, startedAt);
  const { seen } = await pullTemplates(deps, workspaceId, g, name).catch((err) =>
    Promise.reject(metaFailure(err, `looking up template "${name}"`)),
  );
  await deps.db.transaction().execute((trx) => removeTemplatesNotSeen(trx, workspaceId, seen, startedAt, name));
}
