import type { AnyDb } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { templateForSend, type TemplateForSend } from "./template-view.js";
import { findTemplateByRef, findTemplatesByName } from "./templates.repo.js";

/**
 * A template as Wharf last saw it, whatever its status, with what a send of it must supply: for
 * checks made before a send (an automation's template step is saved while the template may still
 * be in review). Null when the workspace has no template of that name and language; `languages`
 * lists the ones it has under that name.
 */
export async function findTemplateShape(
  db: AnyDb,
  workspaceId: WorkspaceId,
  ref: { name: string; language: string },
): Promise<{ template: (TemplateForSend & { status: string }) | null; languages: string[] }> {
  const row = await findTemplateByRef(db, workspaceId, ref.name, ref.language);
  if (row) return { template: { ...templateForSend(row), status: row.status }, languages: [row.language] };
  const others = await findTemplatesByName(db, workspaceId, ref.name);
  return { template: null, languages: others.map((r) => r.language) };
}
