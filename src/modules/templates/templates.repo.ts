import type { AnyDb, Executor } from "../../platform/db/index.js";
import { hotQuery, typed } from "../../platform/db/index.js";
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
const inWorkspace = (db: AnyDb | Executor, workspaceId: WorkspaceId) =>
  q(db).selectFrom("templates").selectAll().where("workspace_id", "=", workspaceId);

export async function insertTemplate(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  row: Omit<TemplateRow, "workspace_id">,
): Promise<void> {
  await q(db)
    .insertInto("templates")
    .values({ ...row, workspace_id: workspaceId })
    .execute();
}

export async function findTemplate(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  id: string,
): Promise<TemplateRow | null> {
  return (await inWorkspace(db, workspaceId).where("id", "=", id).executeTakeFirst()) ?? null;
}

export async function findTemplateByMetaId(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  metaTemplateId: string,
): Promise<TemplateRow | null> {
  return (await inWorkspace(db, workspaceId).where("meta_template_id", "=", metaTemplateId).executeTakeFirst()) ?? null;
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
  return inWorkspace(db, workspaceId).where("name", "=", name).orderBy("language").execute();
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
  await q(db)
    .updateTable("templates")
    .set(patch)
    .where("workspace_id", "=", workspaceId)
    .where("id", "=", id)
    .execute();
}

/** A status from Meta's webhook; returns how many rows it changed (0: Wharf has not seen the template). */
export async function setTemplateStatus(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  metaTemplateId: string,
  values: { status: string; reason: string | null; updated_at: number },
): Promise<number> {
  return updateByMetaId(db, workspaceId, metaTemplateId, values);
}

/** Meta's quality score or category of a template (its quality and category webhooks). */
export async function setTemplateDetails(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  metaTemplateId: string,
  values: { quality_score?: string; category?: string; updated_at: number },
): Promise<number> {
  return updateByMetaId(db, workspaceId, metaTemplateId, values);
}

/** What Meta's webhooks change of a template, found by Meta's id; how many rows changed. */
async function updateByMetaId(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  metaTemplateId: string,
  values: Partial<TemplateRow>,
): Promise<number> {
  const res = await q(db)
    .updateTable("templates")
    .set(values)
    .where("workspace_id", "=", workspaceId)
    .where("meta_template_id", "=", metaTemplateId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function deleteTemplateRows(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  ids: string[],
): Promise<number> {
  if (ids.length === 0) return 0;
  const res = await q(db)
    .deleteFrom("templates")
    .where("workspace_id", "=", workspaceId)
    .where("id", "in", ids)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function deleteTemplateByMetaId(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  metaTemplateId: string,
): Promise<number> {
  const res = await q(db)
    .deleteFrom("templates")
    .where("workspace_id", "=", workspaceId)
    .where("meta_template_id", "=", metaTemplateId)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
