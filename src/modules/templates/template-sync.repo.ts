import type { AnyDb, Executor } from "../../platform/db/index.js";
import { typed } from "../../platform/db/index.js";
import { asWorkspaceId, type WorkspaceId } from "../../platform/workspace-id.js";
import type { TemplateFromMeta, TemplateRow } from "./templates.repo.js";

/**
 * Writes of the template sync, and `template_accounts`: the WABA each workspace's templates come
 * from and how its last sync went. A row appears when a workspace connects (or first uses
 * templates), so the scheduled sync knows which workspaces to look at.
 */

export interface TemplateAccountRow {
  workspace_id: string;
  waba_id: string;
  last_synced_at: number | null;
  last_sync_error: string | null;
  updated_at: number;
}

interface Tables {
  templates: TemplateRow;
  template_accounts: TemplateAccountRow;
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);

/** Meta's "NONE" (and empty) mean no reason. */
export const metaReason = (reason: string | null | undefined): string | null =>
  !reason || reason === "NONE" ? null : reason;

/**
 * Meta's view of each template wins, except that a list (which carries only `rejected_reason`)
 * never erases the reason a webhook gave for the same status (a PAUSED template's explanation).
 */
export async function upsertTemplatesFromMeta(
  trx: Executor,
  workspaceId: WorkspaceId,
  templates: TemplateFromMeta[],
  now: number,
  newId: () => string,
): Promise<{ added: number; changed: number }> {
  if (templates.length === 0) return { added: 0, changed: 0 };
  const ids = templates.map((t) => t.meta_template_id);
  const existing = await q(trx)
    .selectFrom("templates")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("meta_template_id", "in", ids)
    .execute();
  const byMeta = new Map(existing.map((r) => [r.meta_template_id, r]));
  let added = 0;
  let changed = 0;
  for (const t of templates) {
    const row = byMeta.get(t.meta_template_id);
    if (!row) {
      // The same name and language under another id was deleted at Meta and created again.
      await q(trx)
        .deleteFrom("templates")
        .where("workspace_id", "=", workspaceId)
        .where("name", "=", t.name)
        .where("language", "=", t.language)
        .execute();
      await q(trx)
        .insertInto("templates")
        .values({
          ...t,
          id: newId(),
          workspace_id: workspaceId,
          message_send_ttl_seconds: null,
          approved_edits: "[]",
          synced_at: now,
          created_at: now,
          updated_at: now,
        })
        .execute();
      added++;
      continue;
    }
    const reason = t.reason === null && row.status === t.status ? row.reason : t.reason;
    const next = { ...t, reason };
    const differs = (Object.keys(next) as (keyof TemplateFromMeta)[]).some((k) => next[k] !== row[k]);
    await q(trx)
      .updateTable("templates")
      .set(differs ? { ...next, synced_at: now, updated_at: now } : { synced_at: now })
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", row.id)
      .execute();
    if (differs) changed++;
  }
  return { added, changed };
}

/**
 * After a complete listing: rows Meta no longer has are gone there (deleted in WhatsApp Manager).
 * Rows written after the listing began are kept: they may be templates created meanwhile.
 */
export async function removeTemplatesNotSeen(
  trx: Executor,
  workspaceId: WorkspaceId,
  seen: ReadonlySet<string>,
  startedAt: number,
  onlyName?: string,
): Promise<number> {
  const rows = await q(trx)
    .selectFrom("templates")
    .select(["id", "meta_template_id"])
    .where("workspace_id", "=", workspaceId)
    .where("updated_at", "<", startedAt)
    .$if(onlyName !== undefined, (qb) => qb.where("name", "=", onlyName!))
    .execute();
  const gone = rows.filter((r) => !seen.has(r.meta_template_id)).map((r) => r.id);
  for (let i = 0; i < gone.length; i += 500) {
    await q(trx)
      .deleteFrom("templates")
      .where("workspace_id", "=", workspaceId)
      .where("id", "in", gone.slice(i, i + 500))
      .execute();
  }
  return gone.length;
}

export async function upsertTemplateAccount(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  wabaId: string,
  now: number,
): Promise<void> {
  await q(db)
    .insertInto("template_accounts")
    .values({
      workspace_id: workspaceId,
      waba_id: wabaId,
      last_synced_at: null,
      last_sync_error: null,
      updated_at: now,
    })
    .onConflict((oc) => oc.column("workspace_id").doUpdateSet({ waba_id: wabaId, updated_at: now }))
    .execute();
}

export async function recordSyncOutcome(
  db: AnyDb,
  workspaceId: WorkspaceId,
  outcome: { ok: true } | { ok: false; error: string },
  now: number,
): Promise<void> {
  await q(db)
    .updateTable("template_accounts")
    .set(
      outcome.ok
        ? { last_synced_at: now, last_sync_error: null, updated_at: now }
        : { last_sync_error: outcome.error, updated_at: now },
    )
    .where("workspace_id", "=", workspaceId)
    .execute();
}

export async function findTemplateAccount(db: AnyDb, workspaceId: WorkspaceId): Promise<TemplateAccountRow | null> {
  return (
    (await q(db)
      .selectFrom("template_accounts")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .executeTakeFirst()) ?? null
  );
}

/** For the scheduled sync: every workspace whose templates Wharf keeps, with its WABA. */
// cross-tenant: the scheduled template sync visits every connected WABA
export async function listTemplateAccounts(db: AnyDb): Promise<{ workspaceId: WorkspaceId; wabaId: string }[]> {
  const rows = await q(db)
    .selectFrom("template_accounts")
    .select(["workspace_id", "waba_id"])
    .orderBy("workspace_id")
    .execute();
  return rows.map((r) => ({ workspaceId: asWorkspaceId(r.workspace_id), wabaId: r.waba_id }));
}
