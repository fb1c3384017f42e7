import { AppError } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { syncTemplateName, type TemplatesDeps } from "./sync-templates.js";
import { templateForSend, type TemplateForSend } from "./template-view.js";
import { findTemplateByRef, findTemplatesByName, type TemplateRow } from "./templates.repo.js";

/**
 * For the send path: the approved template, or an error that says which template and why (never
 * Meta's bare 132001). A template Wharf has not seen yet (created in WhatsApp Manager, or its
 * webhook is late) is looked up at Meta once before the send is refused. Meta being unreachable
 * during that lookup comes back as its own, retryable error rather than "not found".
 */
export async function getTemplateForSend(
  deps: TemplatesDeps,
  workspaceId: WorkspaceId,
  ref: { name: string; language: string },
): Promise<TemplateForSend> {
  let row = await findTemplateByRef(deps.db, workspaceId, ref.name, ref.language);
  if (!row) {
    await syncTemplateName(deps, workspaceId, ref.name);
    row = await findTemplateByRef(deps.db, workspaceId, ref.name, ref.language);
  }
  if (!row) throw await notFound(deps, workspaceId, ref);
  if (row.status !== "APPROVED") throw notApproved(row);
  return templateForSend(row);
}

async function notFound(
  deps: TemplatesDeps,
  workspaceId: WorkspaceId,
  ref: { name: string; language: string },
): Promise<AppError> {
  const others = (await findTemplatesByName(deps.db, workspaceId, ref.name)).map((r) => r.language);
  const hint =
    others.length > 0
      ? ` It exists in ${others.join(", ")}.`
      : " Create it with POST /v1/templates, or check the name.";
  return new AppError(
    "TEMPLATE_NOT_FOUND",
    `Template "${ref.name}" in language "${ref.language}" does not exist in this WhatsApp Business Account (checked with Meta just now).${hint}`,
    {
      details: { name: ref.name, language: ref.language, availableLanguages: others },
    },
  );
}

const NEXT_STEP: Record<string, string> = {
  PENDING: "Meta is still reviewing it; send once it is APPROVED.",
  REJECTED: "Edit it (PATCH /v1/templates/{id}) to resubmit, or create another.",
  PAUSED: "Meta paused it for low quality; it resumes by itself, or edit it.",
  DISABLED: "Meta disabled it for low quality; create a new template.",
};

function notApproved(row: TemplateRow): AppError {
  const why = row.reason ? ` (Meta's reason: ${row.reason})` : "";
  const next = NEXT_STEP[row.status] ?? "Only APPROVED templates can be sent.";
  return new AppError(
    "TEMPLATE_NOT_APPROVED",
    `Template "${row.name}" (${row.language}) is ${row.status}${why}. ${next}`,
    {
      details: { id: row.id, name: row.name, language: row.language, status: row.status, reason: row.reason },
    },
  );
}
