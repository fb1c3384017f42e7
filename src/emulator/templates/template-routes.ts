import type { FastifyInstance, FastifyRequest } from "fastify";
import { CreateTemplateRequest } from "../../graph/index.js";
import { requireManagement } from "../auth/authorize.js";
import type { EmulatorContext } from "../core/context.js";
import { numericId } from "../core/ids.js";
import { nodePage } from "../http/paging.js";
import { allParams, fieldKinds, jsonParam, stringParam, typedParams } from "../http/params.js";
import { zodToGraphError } from "../http/zod-errors.js";
import { edgeCall } from "../nodes/edges.js";
import type { TemplateRecord } from "../state/content-model.js";
import { publish } from "../webhooks/publish.js";
import { storedAuthentication } from "./authentication-template.js";
import { scheduleAutoApproval, templateStatusValue } from "./review-template.js";
import { normalizeTemplateCase } from "./template-case.js";
import { templateErrors } from "./template-errors.js";
import { TEMPLATE_DEFAULT_FIELDS, templateNode } from "./template-node.js";
import { LANGUAGE_CODE, validateTemplateRules } from "./validate-template.js";

function managedWaba(ctx: EmulatorContext, request: FastifyRequest, method: string): string {
  return edgeCall(ctx, request, method, "message_templates", "waba", requireManagement).id;
}

const CREATE_FIELDS = fieldKinds(CreateTemplateRequest);

/** JSON, form fields or query parameters, with Meta's lower-case enum spellings taken as upper case. */
function createBody(request: FastifyRequest): Record<string, unknown> {
  return normalizeTemplateCase(typedParams(request, CREATE_FIELDS));
}

/**
 * Submits a template for review (Meta's `POST /{waba_id}/message_templates`, 360dialog's
 * `POST /v1/configs/templates`): Meta's checks and codes, `{id, status, category}` back.
 */
export function createTemplate(ctx: EmulatorContext, wabaId: string, body: Record<string, unknown>) {
  const parsed = CreateTemplateRequest.safeParse(body);
  if (!parsed.success) throw zodToGraphError(parsed.error, body);
  const input = parsed.data;
  if (!LANGUAGE_CODE.test(input.language))
    throw templateErrors.invalid(`Language ${input.language} is not supported.`, "Invalid language");
  const format = input.parameter_format ?? "POSITIONAL";
  const requested = input.components as Record<string, unknown>[];
  validateTemplateRules(ctx.state, input.category, format, requested);
  const components = input.category === "AUTHENTICATION" ? storedAuthentication(requested) : requested;
  const clash = [...ctx.state.templates.values()].find(
    (t) => t.wabaId === wabaId && t.name === input.name && t.language === input.language,
  );
  if (clash) throw templateErrors.duplicate(input.name, input.language);
  const template: TemplateRecord = {
    id: numericId(16),
    wabaId,
    name: input.name,
    language: input.language,
    category: input.category,
    parameterFormat: format,
    components,
    status: "PENDING",
    rejectedReason: "NONE",
    qualityScore: "UNKNOWN",
    createdAt: ctx.clock.now(),
    approvedEdits: [],
    seq: ++ctx.state.templateSeq,
  };
  ctx.state.templates.set(template.id, template);
  scheduleAutoApproval(ctx, template);
  return { id: template.id, status: template.status, category: template.category };
}

export function registerTemplateRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post("/:version/:id/message_templates", async (request) => {
    const wabaId = managedWaba(ctx, request, "POST");
    return createTemplate(ctx, wabaId, createBody(request));
  });

  app.get("/:version/:id/message_templates", async (request) => {
    const wabaId = managedWaba(ctx, request, "GET");
    const q = allParams(request);
    const name = stringParam(q, "name")?.toLowerCase();
    const filters = {
      status: stringParam(q, "status"),
      category: stringParam(q, "category"),
      language: stringParam(q, "language"),
    };
    const list = [...ctx.state.templates.values()]
      .filter((t) => t.wabaId === wabaId)
      .filter((t) => (name === undefined || t.name.includes(name)) && (!filters.status || t.status === filters.status))
      .filter(
        (t) =>
          (!filters.category || t.category === filters.category) &&
          (!filters.language || t.language === filters.language),
      )
      .sort((a, b) => b.seq - a.seq)
      .map(templateNode);
    return nodePage(ctx, request, list, TEMPLATE_DEFAULT_FIELDS, "WhatsAppMessageTemplate");
  });

  /** By `name` (every language), by `hsm_id` + `name` (one), or by `hsm_ids` (bulk, all or nothing). */
  app.delete("/:version/:id/message_templates", async (request) => {
    const wabaId = managedWaba(ctx, request, "DELETE");
    const q = allParams(request);
    const name = stringParam(q, "name");
    const hsmId = stringParam(q, "hsm_id");
    const hsmIds = q["hsm_ids"] !== undefined ? jsonParam(q, "hsm_ids") : undefined;
    const own = [...ctx.state.templates.values()].filter((t) => t.wabaId === wabaId);
    let doomed: TemplateRecord[];
    if (hsmIds !== undefined) {
      if (name || hsmId || !Array.isArray(hsmIds) || hsmIds.length === 0 || hsmIds.length > 100) {
        throw templateErrors.invalid("hsm_ids takes 1 to 100 template ids and can't be combined with name or hsm_id.");
      }
      doomed = own.filter((t) => hsmIds.map(String).includes(t.id));
      if (doomed.length !== hsmIds.length) throw templateErrors.notFound(String(hsmIds));
    } else {
      if (!name) throw templateErrors.invalid("The parameter name is required.");
      doomed = own.filter((t) => t.name === name && (hsmId === undefined || t.id === hsmId));
      if (doomed.length === 0) throw templateErrors.notFound(hsmId ? `${name} (${hsmId})` : name);
    }
    for (const t of doomed) {
      ctx.state.templates.delete(t.id);
      publish(
        ctx,
        wabaId,
        "message_template_status_update",
        templateStatusValue(t, "DELETED", "NONE", ctx.clock.now()),
      );
    }
    return { success: true };
  });
}
