import { z } from "zod";
import type { App } from "../../platform/http/index.js";
import { NO_CONTENT, requireWorkspace, readRoute } from "../../platform/http/index.js";
import { contactTimeline } from "./contact-timeline.js";
import { CustomFields } from "./custom-event-types.js";
import { deleteEventType, listEventTypes, registerEventType } from "./list-event-types.js";
import { recordCommerceEvent, type CommerceDeps } from "./record-event.js";

const tags = ["events"];
const ContactRefIn = z
  .strictObject({
    phone: z.string().trim().min(1).max(32).optional(),
    email: z.email().max(320).optional(),
    externalId: z.string().trim().min(1).max(200).optional(),
  })
  .refine((c) => c.phone !== undefined || c.email !== undefined || c.externalId !== undefined, {
    message: "name the contact by phone, email or externalId",
  });
const TypeParam = z.object({ type: z.string().min(1).max(200) });
const EventTypeOut = z.object({
  type: z.string(),
  builtIn: z.boolean(),
  description: z.string().nullable(),
  schema: z.unknown().describe("JSON Schema of the event's data; fields not listed are allowed"),
  fields: CustomFields.optional(),
});

export function commerceRoutes(app: App, deps: CommerceDeps): void {
  app.post(
    "/v1/events",
    {
      config: { access: ["owner", "admin"] },
      bodyLimit: 256 * 1024,
      schema: {
        tags,
        summary:
          "Record a business event (an order, a checkout, ...) on a contact's timeline; automations start from it. GET /v1/events is the live stream",
        body: z.strictObject({
          type: z.string().min(1).max(200).describe("a type of GET /v1/events/types"),
          contact: ContactRefIn.describe("who it is about; found by phone, then externalId, then email, or created"),
          data: z.record(z.string(), z.unknown()).default({}),
          occurredAt: z.iso.datetime({ offset: true }).optional().describe("when it happened; now by default"),
          idempotencyKey: z
            .string()
            .min(1)
            .max(200)
            .optional()
            .describe("the same key again answers the first event's id and records nothing"),
        }),
        response: { 202: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const { workspaceId } = requireWorkspace(request);
      const b = request.body;
      const { id } = await recordCommerceEvent(deps, workspaceId, {
        type: b.type,
        contact: b.contact,
        data: b.data,
        occurredAt: b.occurredAt ? Date.parse(b.occurredAt) : undefined,
        idempotencyKey: b.idempotencyKey,
        source: "api",
      });
      return reply.status(202).send({ id });
    },
  );

  readRoute(
    app,
    "/v1/events/types",
    {
      tags,
      summary: "The event types POST /v1/events takes: the built-in catalog and the workspace's own",
      response: { 200: z.object({ data: z.array(EventTypeOut) }) },
    },
    async (workspaceId) => ({ data: await listEventTypes(deps.db, workspaceId) }),
  );

  app.put(
    "/v1/events/types/:type",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary:
          "Register (or replace) the workspace's own event type: a field list {name, type: string|number|integer|boolean|datetime|object|array, required?}",
        params: TypeParam,
        body: z.strictObject({ description: z.string().max(500).optional(), fields: CustomFields }),
        response: { 200: EventTypeOut },
      },
    },
    async (request) =>
      registerEventType(deps, requireWorkspace(request).workspaceId, request.params.type, request.body),
  );

  app.delete(
    "/v1/events/types/:type",
    {
      config: { access: ["owner", "admin"], docs: { responses: NO_CONTENT } },
      schema: {
        tags,
        summary: "Remove one of the workspace's own event types (its recorded events stay)",
        params: TypeParam,
      },
    },
    async (request, reply) => {
      await deleteEventType(deps.db, requireWorkspace(request).workspaceId, request.params.type);
      return reply.status(204).send();
    },
  );

  readRoute(
    app,
    "/v1/contacts/:idOrPhone/events",
    {
      tags,
      summary: "A contact's business events, newest first",
      params: z.object({ idOrPhone: z.string().min(1).max(200) }),
      querystring: z.object({
        type: z.string().max(200).optional(),
        cursor: z.string().max(200).optional(),
        limit: z.coerce.number().int().min(1).max(100).default(50),
      }),
      response: {
        200: z.object({
          data: z.array(
            z.object({
              id: z.string(),
              type: z.string(),
              contactId: z.string(),
              source: z.string(),
              data: z.record(z.string(), z.unknown()),
              occurredAt: z.string().describe("when it happened"),
              recordedAt: z.string().describe("when Wharf heard of it"),
              idempotencyKey: z.string().nullable(),
            }),
          ),
          nextCursor: z.string().nullable(),
        }),
      },
    },
    (workspaceId, { params, query }) => contactTimeline(deps, workspaceId, params.idOrPhone, query),
  );
}
