import type { AnyDb, Executor } from "../../platform/db/index.js";
import { hotQuery, typed, workspaceTable } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

export interface TemplateRow {
  id: string;
  workspace_id: string;
  waba_id: string;
  meta_template_id: string;
  name: string;
  language: string;
  category: string;
  status: string;
  reason: string | null;
  parameter_format: string;
  /** JSON: Meta's component array, as submitted or as Meta reports it. */
  components: string;
  message_send_ttl_seconds: number | null;
  quality_score: string | null;
  /** JSON array of epoch ms. */
  approved_edits: string;
  synced_at: number | null;
  created_at: number;
  updated_at: number;
}

/** What Meta says about one template; our own columns (id, approved_edits) are kept across syncs. */
export type TemplateFromMeta = Pick<
  TemplateRow,
  | "waba_id"
  | "meta_template_id"
  | "name"
  | "language"
  | "category"
  | "status"
  | "reason"
  | "parameter_format"
  | "components"
  | "quality_score"
>;

export interface TemplateFilter {
  status?: string | undefined;
  name?: string | undefined;
  language?: string | undefined;
  category?: string | undefined;
}

interface Tables {
  templates: TemplateRow;
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);
const templates = workspaceTable<TemplateRow>({ table: "templates" });
const inWorkspace = (db: AnyDb | Executor, workspaceId: WorkspaceId) =>
  q(db).selectFrom("templates").selectAll().where("workspace_id", "=", workspaceId);

export async function insertTemplate(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  row: Omit<TemplateRow, "workspace_id">,
): Promise<void> {
  await templates.insert(db, workspaceId, row);
}

export async function findTemplate(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  id: string,
): Promise<TemplateRow | null> {
  return templates.find(db, workspaceId, { id });
}

export async function findTemplateByMetaId(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  metaTemplateId: string,
): Promise<TemplateRow | null> {
  return templates.find(db, workspaceId, { meta_template_id: metaTemplateId });
}

const templateByRefHot = hotQuery((db, [workspaceId, name, language]: [string, string, string]) =>
  q(db)
    .selectFrom("templates")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .where("name", "=", name)
    .where("language", "=", language),
);

/** Read on every template send (a hot query). */
export async function findTemplateByRef(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  name: string,
  language: string,
): Promise<TemplateRow | null> {
  return (await templateByRefHot(db, workspaceId, name, language)).rows[0] ?? null;
}

export async function findTemplatesByName(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  name: string,
): Promise<TemplateRow[]> {
  return templates.list(db, workspaceId, { name }, { orderBy: [["language", "asc"]] });
}

/** Ordered by name then language; `after` is the last (name, language) of the previous page. */
export async function listTemplateRows(
  db: AnyDb,
  workspaceId: WorkspaceId,
  filter: TemplateFilter,
  page: { limit: number; after?: { name: string; language: string } | undefined },
): Promise<TemplateRow[]> {
  const after = page.after;
  return inWorkspace(db, workspaceId)
    .$if(filter.status !== undefined, (qb) => qb.where("status", "=", filter.status!))
    .$if(filter.name !== undefined, (qb) => qb.where("name", "=", filter.name!))
    .$if(filter.language !== undefined, (qb) => qb.where("language", "=", filter.language!))
    .$if(filter.category !== undefined, (qb) => qb.where("category", "=", filter.category!))
    .$if(after !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb("name", ">", after!.name),
          eb.and([eb("name", "=", after!.name), eb("language", ">", after!.language)]),
        ]),
      ),
    )
    .orderBy("name")
    .orderBy("language")
    .limit(page.limit)
    .execute();
}

export async function updateTemplate(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  id: string,
  patch: Partial<Omit<TemplateRow, "id" | "workspace_id" | "created_at">> & { updated_at: number },
): Promise<void> {
  await templates.update(db, workspaceId, { id }, patch);
}

/** A status from Meta's webhook; returns how many rows it changed (0: Wharf has not seen the template). */
export async function setTemplateStatus(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  metaTemplateId: string,
  values: { status: string; reason: string | null; updated_at: number },
): Promise<number> {
  return templates.update(db, workspaceId, { meta_template_id: metaTemplateId }, values);
}

/** Meta's quality score or category of a template (its quality and category webhooks). */
export async function setTemplateDetails(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  metaTemplateId: string,
  values: { quality_score?: string; category?: string; updated_at: number },
): Promise<number> {
  return templates.update(db, workspaceId, { meta_template_id: metaTemplateId }, values);
}

export async function deleteTemplateRows(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  ids: string[],
): Promise<number> {
  return templates.delete(db, workspaceId, { id: ids });
}

export async function deleteTemplateByMetaId(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  metaTemplateId: string,
): Promise<number> {
  return templates.delete(db, workspaceId, { meta_template_id: metaTemplateId });
}
