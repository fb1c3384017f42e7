import { AppError } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { channelForWorkspace } from "../connection/index.js";
import { metaFailure } from "./meta-failure.js";
import type { TemplatesDeps } from "./sync-templates.js";
import { deleteTemplateRows, findTemplate, findTemplatesByName, type TemplateRow } from "./templates.repo.js";

/** Our template ids: `tpl_` and 26 base32 characters. Template names can't realistically collide. */
const TEMPLATE_ID = /^tpl_[0-9a-z]{26}$/;

/**
 * Deletes at Meta, then here. `target` is a name (every language, as Meta's delete by name does,
 * or one language with `language`) or one template's id. Only templates this workspace holds can
 * be named: another workspace's template is "not found", whatever Meta would say.
 * Meta blocks the name of a deleted approved template for 30 days.
 */
export async function deleteTemplates(
  deps: TemplatesDeps,
  workspaceId: WorkspaceId,
  target: string,
  language?: string,
): Promise<TemplateRow[]> {
  const byId = TEMPLATE_ID.test(target) ? await findTemplate(deps.db, workspaceId, target) : null;
  const rows = byId
    ? [byId]
    : (await findTemplatesByName(deps.db, workspaceId, target)).filter(
        (r) => language === undefined || r.language === language,
      );
  if (rows.length === 0) {
    const what = language ? `Template "${target}" in ${language}` : `Template "${target}"`;
    throw new AppError(
      "NOT_FOUND",
      `${what} was not found in this workspace. If it was made in WhatsApp Manager, run POST /v1/templates/sync first.`,
    );
  }
  const single = byId !== null || language !== undefined;
  const first = rows[0]!;
  const query = single ? { name: first.name, hsm_id: first.meta_template_id } : { name: first.name };
  const g = await channelForWorkspace(deps, workspaceId);
  await g.templates.delete(query).catch((err) => Promise.reject(metaFailure(err, `deleting template "${first.name}"`)));
  const now = deps.clock.now();
  await deps.events.transaction(deps.db, async (trx) => {
    await deleteTemplateRows(
      trx,
      workspaceId,
      rows.map((r) => r.id),
    );
    for (const r of rows)
      await deps.events.recordEvent(trx, workspaceId, {
        type: "template.deleted",
        at: now,
        data: { id: r.id, metaTemplateId: r.meta_template_id, name: r.name, language: r.language },
      });
  });
  return rows;
}
