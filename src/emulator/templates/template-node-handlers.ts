import { EditTemplateRequest } from "../../graph/index.js";
import { requireManagement, requireToken } from "../auth/authorize.js";
import { requestedFields } from "../http/fields.js";
import { fieldKinds, typedParams } from "../http/params.js";
import { zodToGraphError } from "../http/zod-errors.js";
import type { NodeHandler } from "../nodes/node-routes.js";
import { storedAuthentication } from "./authentication-template.js";
import { scheduleAutoApproval } from "./review-template.js";
import { normalizeTemplateCase } from "./template-case.js";
import { templateErrors } from "./template-errors.js";
import { TEMPLATE_DEFAULT_FIELDS, templateNode } from "./template-node.js";
import { validateTemplateRules } from "./validate-template.js";

const DAY_MS = 24 * 60 * 60_000;
const EDIT_FIELDS = fieldKinds(EditTemplateRequest);

export const readTemplate: NodeHandler = (ctx, request, params) => {
  const template = ctx.state.templates.get(params.id)!;
  requireManagement(requireToken(ctx, request), template.wabaId);
  return requestedFields(request, templateNode(template), TEMPLATE_DEFAULT_FIELDS, "WhatsAppMessageTemplate");
};

/**
 * `POST /{template_id}`: only APPROVED, REJECTED and PAUSED templates can be edited, the
 * components are replaced wholesale, an approved template keeps its category and may be edited
 * once per 24 hours and 10 times per 30 days; an edit sends the template back to review.
 */
export const editTemplate: NodeHandler = (ctx, request, params) => {
  const template = ctx.state.templates.get(params.id)!;
  requireManagement(requireToken(ctx, request), template.wabaId);
  const body = normalizeTemplateCase(typedParams(request, EDIT_FIELDS));
  const parsed = EditTemplateRequest.safeParse(body);
  if (!parsed.success) throw zodToGraphError(parsed.error, body);
  const edit = parsed.data;
  if (!["APPROVED", "REJECTED", "PAUSED"].includes(template.status)) throw templateErrors.notEditable(template.status);
  const now = ctx.clock.now();
  if (template.status === "APPROVED") {
    if (edit.category && edit.category !== template.category) throw templateErrors.categoryLocked();
    const recent = template.approvedEdits.filter((at) => now - at < 30 * DAY_MS);
    if (recent.some((at) => now - at < DAY_MS) || recent.length >= 10) throw templateErrors.editTooSoon();
    template.approvedEdits = [...recent, now];
  }
  const requested = edit.components as Record<string, unknown>[] | undefined;
  const category = edit.category ?? template.category;
  // Stored components were checked when they were set (and an authentication template's are
  // Meta's expanded form, not a definition): only a new definition or category is checked again.
  if (requested || category !== template.category)
    validateTemplateRules(ctx.state, category, template.parameterFormat, requested ?? template.components);
  if (requested) template.components = category === "AUTHENTICATION" ? storedAuthentication(requested) : requested;
  template.category = category;
  template.status = "PENDING";
  scheduleAutoApproval(ctx, template);
  return { success: true };
};
