import type { AnyDb, Executor } from "../../../platform/db/index.js";
import { typed, workspaceTable } from "../../../platform/db/index.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";

export interface KeywordRow {
  workspace_id: string;
  /** stop | start, or `custom` for the marker row saying the workspace set its own list (keyword ''). */
  kind: "stop" | "start" | "custom";
  language: string;
  keyword: string;
}

interface Tables {
  consent_keywords: KeywordRow;
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);
const keywords = workspaceTable<KeywordRow>({ table: "consent_keywords" });

/** The rows that decide a message's words: its keyword's row, and the marker if the workspace has its own list. */
export async function findKeywordRows(
  executor: Executor,
  workspaceId: WorkspaceId,
  keyword: string,
): Promise<KeywordRow[]> {
  return q(executor)
    .selectFrom("consent_keywords")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where((eb) => eb.or([eb("keyword", "=", keyword), eb("kind", "=", "custom")]))
    .execute();
}

export async function listKeywordRows(db: AnyDb, workspaceId: WorkspaceId): Promise<KeywordRow[]> {
  const orderBy = [
    ["kind", "asc"],
    ["language", "asc"],
    ["keyword", "asc"],
  ] as const;
  return keywords.list(db, workspaceId, {}, { orderBy });
}

export async function replaceKeywordRows(
  executor: Executor,
  workspaceId: WorkspaceId,
  rows: Array<Omit<KeywordRow, "workspace_id">>,
): Promise<void> {
  await keywords.delete(executor, workspaceId, {});
  await keywords.insert(executor, workspaceId, rows);
}
