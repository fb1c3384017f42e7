import { z } from "zod";
import type { App } from "../../../platform/http/index.js";
import { NO_CONTENT, requireRole, readRoute } from "../../../platform/http/index.js";
import { ContactFilter } from "./filter.js";
import type { ContactDeps } from "./manage-contacts.js";
import { createSegment, deleteSegment, getSegment, listSegments, updateSegment } from "./segments.js";

const tags = ["contacts"];
const SegmentOut = z.object({
  id: z.string(),
  name: z.string(),
  filter: ContactFilter,
  count: z.number().describe("contacts matching now"),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const Params = z.object({ id: z.string().max(64) });
const Name = z.string().trim().min(1).max(200);

/** Saved filters over contacts (the list's filter language), with a live count; a campaign audience. */
export function segmentsRoutes(app: App, deps: ContactDeps): void {
  readRoute(
    app,
    "/v1/segments",
    {
      tags,
      summary: "Segments by name, each with its live count",
      response: { 200: z.object({ data: z.array(SegmentOut) }) },
    },
    async (workspaceId) => ({ data: await listSegments(deps, workspaceId) }),
  );

  app.post(
    "/v1/segments",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary: "Save a filter as a segment",
        body: z.strictObject({ name: Name, filter: ContactFilter }),
        response: { 201: SegmentOut },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createSegment(deps, requireRole(request, ["owner", "admin"]).workspaceId, request.body)),
  );

  readRoute(
    app,
    "/v1/segments/:id",
    { tags, summary: "A segment and its live count", params: Params, response: { 200: SegmentOut } },
    (workspaceId, { params }) => getSegment(deps, workspaceId, params.id),
  );

  app.patch(
    "/v1/segments/:id",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary: "Rename a segment or replace its filter",
        params: Params,
        body: z.strictObject({ name: Name.optional(), filter: ContactFilter.optional() }),
        response: { 200: SegmentOut },
      },
    },
    async (request) =>
      updateSegment(deps, requireRole(request, ["owner", "admin"]).workspaceId, request.params.id, request.body),
  );

  app.delete(
    "/v1/segments/:id",
    {
      config: { access: ["owner", "admin"], docs: { responses: NO_CONTENT } },
      schema: { tags, summary: "Delete a segment (its contacts stay)", params: Params },
    },
    async (request, reply) => {
      await deleteSegment(deps, requireRole(request, ["owner", "admin"]).workspaceId, request.params.id);
      return reply.code(204).send();
    },
  );
}
