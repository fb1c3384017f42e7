import { CreateTemplateRequest } from "../../channels/index.js";
import { newId } from "../../platform/crypto/index.js";
import { AppError } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { channelForWorkspace } from "../connection/index.js";
import { metaFailure } from "./meta-failure.js";
import type { Issue } from "./rule-context.js";
import type { TemplatesDeps } from "./sync-templates.js";
import { metaReason, upsertTemplateAccount } from "./template-sync.repo.js";
import { normalizeComponents, type ParameterFormat } from "./template-variables.js";
import { findTemplateByMetaId, findTemplateByRef, insertTemplate, type TemplateRow } from "./templates.repo.js";
import { assertValidTemplate, type TemplateDefinition } from "./validate-template.js";

export type CreateTemplateInput = Omit<TemplateDefinition, "parameterFormat"> & {
  parameterFormat?: ParameterFormat | undefined;
};

const API_FIELD: Record<string, string> = {
  parameter_format: "parameterFormat",
  message_send_ttl_seconds: "messageSendTtlSeconds",
};

/** Our rules come first; Meta's wire schema is checked too, so nothing malformed ever leaves. */
export function toCreateRequest(def: TemplateDefinition): CreateTemplateRequest {
  assertValidTemplate(def);
  const wire = {
    name: def.name,
    language: def.language,
    category: def.category,
    parameter_format: def.parameterFormat,
    ...(def.messageSendTtlSeconds !== undefined ? { message_send_ttl_seconds: def.messageSendTtlSeconds } : {}),
    components: normalizeComponents(def.components as Record<string, unknown>[]),
  };
  const parsed = CreateTemplateRequest.safeParse(wire);
  if (parsed.success) return parsed.data;
  const details: Issue[] = parsed.error.issues.map((i) => ({
    field: i.path.map((p) => API_FIELD[String(p)] ?? String(p)).join(".") || "body",
    message: i.message,
  }));
  throw new AppError(
    "TEMPLATE_INVALID",
    `The template does not match Meta's format: ${details.map((d) => `${d.field}: ${d.message}`).join("; ")}.`,
    { details },
  );
}

/**
 * Validates the template against Meta's rules, submits it, and stores it with the status and
 * category Meta answers (Meta may put it in another category than the one asked for).
 */
export async function createTemplate(
  deps: TemplatesDeps,
  workspaceId: WorkspaceId,
  input: CreateTemplateInput,
): Promise<TemplateRow> {
  const request = toCreateRequest({ ...input, parameterFormat: input.parameterFormat ?? "POSITIONAL" });
  if (await findTemplateByRef(deps.db, workspaceId, request.name, request.language)) {
    throw new AppError(
      "TEMPLATE_ALREADY_EXISTS",
      `Template "${request.name}" already exists in ${request.language}; edit it, or pick another name or language.`,
    );
  }
  const g = await channelForWorkspace(deps, workspaceId);
  const created = await g.templates
    .create(request)
    .catch((err) => Promise.reject(metaFailure(err, `submitting template "${request.name}"`)));
  const now = deps.clock.now();
  const row: Omit<TemplateRow, "workspace_id"> = {
    id: newId("tpl", now),
    waba_id: g.accountId,
    meta_template_id: created.id,
    name: request.name,
    language: request.language,
    category: created.category,
    status: created.status,
    reason: metaReason(typeof created["rejected_reason"] === "string" ? created["rejected_reason"] : null),
    parameter_format: request.parameter_format ?? "POSITIONAL",
    components: JSON.stringify(request.components),
    message_send_ttl_seconds: request.message_send_ttl_seconds ?? null,
    quality_score: null,
    approved_edits: "[]",
    synced_at: now,
    created_at: now,
    updated_at: now,
  };
  try {
    await deps.events.transaction(deps.db, async (trx) => {
      await upsertTemplateAccount(trx, workspaceId, g.accountId, now);
      await insertTemplate(trx, workspaceId, row);
      await deps.events.recordEvent(trx, workspaceId, {
        type: "template.created",
        at: now,
        data: { id: row.id, name: row.name, language: row.language, status: row.status },
      });
    });
  } catch (err) {
    // A sync or a webhook may have stored it in the meantime: that row is the same template.
    const stored = await findTemplateByMetaId(deps.db, workspaceId, created.id);
    if (stored) return stored;
    throw err;
  }
  return { ...row, workspace_id: workspaceId };
}
