import { z } from "zod";
import type { App } from "../../platform/http/index.js";
import { requireRole, requireWorkspace, readRoute } from "../../platform/http/index.js";
import { createTemplate } from "./create-template.js";
import { deleteTemplates } from "./delete-templates.js";
import { editTemplate } from "./edit-template.js";
import { getTemplate, listTemplates } from "./list-templates.js";
import { TEMPLATE_CATEGORIES } from "./rule-context.js";
import { syncTemplates, type TemplatesDeps } from "./sync-templates.js";
import { ComponentOut } from "./component-out.js";
import { templateView } from "./template-view.js";

const Component = z
  .record(z.string(), z.unknown())
  .describe(
    "A component in Meta's format: {type: HEADER | BODY | FOOTER | BUTTONS | LIMITED_TIME_OFFER | CAROUSEL, format?, text?, example?, buttons?, limited_time_offer?, cards?}",
  );
const TemplateOut = z.object({
  id: z.string(),
  metaTemplateId: z.string(),
  name: z.string(),
  language: z.string(),
  category: z.string(),
  status: z.string(),
  reason: z.string().nullable().describe("Meta's reason for REJECTED, PAUSED or DISABLED"),
  parameterFormat: z.enum(["POSITIONAL", "NAMED"]),
  components: z.array(ComponentOut),
  messageSendTtlSeconds: z.number().nullable(),
  qualityScore: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  syncedAt: z.string().nullable(),
});
const SyncState = z.object({
  wabaId: z.string().nullable(),
  lastSyncedAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
const CreateBody = z.object({
  name: z.string().describe("lowercase letters, digits and underscores; unique per language"),
  language: z.string().describe("Meta's language code, e.g. en_US"),
  category: z.enum(TEMPLATE_CATEGORIES),
  parameterFormat: z.enum(["POSITIONAL", "NAMED"]).optional(),
  messageSendTtlSeconds: z.number().int().optional(),
  components: z.array(Component),
});
const EditBody = z
  .object({
    category: z.enum(TEMPLATE_CATEGORIES).optional(),
    components: z.array(Component).optional(),
    messageSendTtlSeconds: z.number().int().optional(),
  })
  .refine((b) => b.category !== undefined || b.components !== undefined || b.messageSendTtlSeconds !== undefined, {
    message: "give category, components or messageSendTtlSeconds",
  });
const ListQuery = z.object({
  status: z.string().optional(),
  name: z.string().optional(),
  language: z.string().optional(),
  category: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().optional(),
});
const tags = ["templates"];
const managers = ["owner", "admin"] as const;

export function templatesRoutes(app: App, deps: TemplatesDeps): void {
  readRoute(
    app,
    "/v1/templates",
    {
      tags,
      summary: "The workspace's templates with Meta's status",
      querystring: ListQuery,
      response: { 200: z.object({ data: z.array(TemplateOut), nextCursor: z.string().nullable(), sync: SyncState }) },
    },
    (workspaceId, { query }) => {
      const { limit, cursor, ...filter } = query;
      return listTemplates(deps, workspaceId, filter, { limit, cursor });
    },
  );

  readRoute(
    app,
    "/v1/templates/:id",
    { tags, summary: "One template", params: z.object({ id: z.string() }), response: { 200: TemplateOut } },
    (workspaceId, { params }) => getTemplate(deps, workspaceId, params.id),
  );

  app.post(
    "/v1/templates",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary: "Validate against Meta's rules, then submit for review",
        body: CreateBody,
        response: { 201: TemplateOut },
      },
    },
    async (request, reply) => {
      const { workspaceId } = requireRole(request, [...managers]);
      const row = await createTemplate(deps, workspaceId, request.body);
      return reply.status(201).send(templateView(row));
    },
  );

  app.post(
    "/v1/templates/sync",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary: "Pull every template and status from Meta now",
        response: {
          200: z.object({
            listed: z.number(),
            added: z.number(),
            changed: z.number(),
            removed: z.number(),
            sync: SyncState,
          }),
        },
      },
    },
    async (request) => {
      const { workspaceId } = requireWorkspace(request);
      const result = await syncTemplates(deps, workspaceId);
      const { sync } = await listTemplates(deps, workspaceId, {}, { limit: 1 });
      return { ...result, sync };
    },
  );

  app.patch(
    "/v1/templates/:id",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary: "Edit within Meta's limits (components replaced whole); the template goes back to review",
        params: z.object({ id: z.string() }),
        body: EditBody,
        response: { 200: TemplateOut },
      },
    },
    async (request) =>
      templateView(
        await editTemplate(deps, requireRole(request, [...managers]).workspaceId, request.params.id, request.body),
      ),
  );

  app.delete(
    "/v1/templates/:name",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary: "Delete by name (every language, or one with ?language=) or by id (tpl_...)",
        params: z.object({ name: z.string() }),
        querystring: z.object({ language: z.string().optional() }),
        response: {
          200: z.object({ deleted: z.array(z.object({ id: z.string(), name: z.string(), language: z.string() })) }),
        },
      },
    },
    async (request) => {
      const rows = await deleteTemplates(
        deps,
        requireRole(request, [...managers]).workspaceId,
        request.params.name,
        request.query.language,
      );
      return { deleted: rows.map((r) => ({ id: r.id, name: r.name, language: r.language })) };
    },
  );
}
