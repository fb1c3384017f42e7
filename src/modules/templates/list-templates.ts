import type { AnyDb } from "../../platform/db/index.js";
import { AppError, notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findTemplateAccount } from "./template-sync.repo.js";
import { templateView, type TemplateView } from "./template-view.js";
import { findTemplate, listTemplateRows, type TemplateFilter } from "./templates.repo.js";

export interface TemplatePage {
  data: TemplateView[];
  nextCursor: string | null;
  /** How the last sync with Meta went (null before the first). */
  sync: { wabaId: string | null; lastSyncedAt: string | null; lastError: string | null };
}

const encodeCursor = (name: string, language: string) =>
  Buffer.from(JSON.stringify([name, language])).toString("base64url");

function decodeCursor(cursor: string): { name: string; language: string } {
  try {
    const [name, language] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as unknown[];
    if (typeof name === "string" && typeof language === "string") return { name, language };
  } catch {
    // falls through
  }
  throw new AppError("VALIDATION_FAILED", "The cursor is not one this API returned; start again without it.", {
    details: [{ field: "cursor", message: "invalid cursor" }],
  });
}

/** Ordered by name, then language; cursor paging. */
export async function listTemplates(
  deps: { db: AnyDb },
  workspaceId: WorkspaceId,
  filter: TemplateFilter,
  page: { limit: number; cursor?: string | undefined },
): Promise<TemplatePage> {
  const after = page.cursor ? decodeCursor(page.cursor) : undefined;
  const rows = await listTemplateRows(deps.db, workspaceId, filter, { limit: page.limit + 1, after });
  const more = rows.length > page.limit;
  const data = rows.slice(0, page.limit);
  const last = data[data.length - 1];
  const account = await findTemplateAccount(deps.db, workspaceId);
  return {
    data: data.map(templateView),
    nextCursor: more && last ? encodeCursor(last.name, last.language) : null,
    sync: {
      wabaId: account?.waba_id ?? null,
      lastSyncedAt: account?.last_synced_at ? new Date(account.last_synced_at).toISOString() : null,
      lastError: account?.last_sync_error ?? null,
    },
  };
}

export async function getTemplate(deps: { db: AnyDb }, workspaceId: WorkspaceId, id: string): Promise<TemplateView> {
  const row = await findTemplate(deps.db, workspaceId, id);
  if (!row) throw notFound("The template");
  return templateView(row);
}
