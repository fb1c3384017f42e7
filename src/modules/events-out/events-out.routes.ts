import { z } from "zod";
import type { App } from "../../platform/http/index.js";
import { NO_CONTENT, requireRole, readRoute } from "../../platform/http/index.js";
import {
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  listDeliveries,
  listEndpoints,
  redeliverDelivery,
  type Endpoint,
  type EndpointDeps,
} from "./manage-endpoints.js";
import { ENDPOINT_EVENT_TYPES } from "../../platform/events.js";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const EndpointOut = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  description: z.string().nullable(),
  createdAt: z.string(),
});
const DeliveryOut = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  state: z.enum(["pending", "delivered", "failed", "cancelled"]),
  attempts: z.array(
    z.object({ at: z.string(), status: z.number().nullable(), error: z.string().nullable(), durationMs: z.number() }),
  ),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});
// The catalog decides what may be subscribed to; `*` is everything, including types added later.
const EventName = z.enum([...ENDPOINT_EVENT_TYPES, "*"], {
  error: () => `unknown event type; subscribe to "*" or any of ${ENDPOINT_EVENT_TYPES.join(", ")} (see docs/events.md)`,
});
const Id = z.object({ id: z.string().max(64) });
const tags = ["webhook endpoints"];
const managers = ["owner", "admin"] as const;
const endpointView = (e: Endpoint) => ({ ...e, createdAt: iso(e.createdAt)! });

export function eventsOutRoutes(app: App, deps: EndpointDeps): void {
  app.post(
    "/v1/webhook-endpoints",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary:
          "Receive this workspace's events at your URL (a public address; 422 TARGET_NOT_ALLOWED otherwise); the signing secret is shown once",
        body: z.strictObject({
          url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2048),
          events: z.array(EventName).min(1).max(20),
          description: z.string().max(500).optional(),
        }),
        response: { 201: EndpointOut.extend({ secret: z.string() }) },
      },
    },
    async (request, reply) => {
      const { workspaceId } = requireRole(request, [...managers]);
      const created = await createEndpoint(deps, workspaceId, request.body);
      return reply.code(201).send({ ...endpointView(created), secret: created.secret });
    },
  );

  readRoute(
    app,
    "/v1/webhook-endpoints",
    {
      tags,
      summary: "The workspace's endpoints (never their secrets)",
      response: { 200: z.object({ data: z.array(EndpointOut) }) },
    },
    async (workspaceId) => ({
      data: (await listEndpoints(deps.db, workspaceId)).map(endpointView),
    }),
    ["owner", "admin"],
  );

  readRoute(
    app,
    "/v1/webhook-endpoints/:id",
    { tags, summary: "One endpoint", params: Id, response: { 200: EndpointOut } },
    async (workspaceId, { params }) => endpointView(await getEndpoint(deps.db, workspaceId, params.id)),
    ["owner", "admin"],
  );

  app.delete(
    "/v1/webhook-endpoints/:id",
    {
      config: { access: ["owner", "admin"], docs: { responses: NO_CONTENT } },
      schema: { tags, summary: "Delete an endpoint; its pending deliveries stop", params: Id },
    },
    async (request, reply) => {
      await deleteEndpoint(deps.db, requireRole(request, [...managers]).workspaceId, request.params.id);
      return reply.code(204).send();
    },
  );

  readRoute(
    app,
    "/v1/webhook-endpoints/:id/deliveries",
    {
      tags,
      summary: "The delivery log: every attempt with its HTTP status or error, newest first",
      params: Id,
      querystring: z.object({
        cursor: z.string().max(64).optional(),
        limit: z.coerce.number().int().min(1).max(100).default(50),
      }),
      response: { 200: z.object({ data: z.array(DeliveryOut), nextCursor: z.string().nullable() }) },
    },
    async (workspaceId, { params, query }) => {
      const page = await listDeliveries(deps.db, workspaceId, params.id, query);
      return {
        nextCursor: page.nextCursor,
        data: page.data.map((d) => ({
          ...d,
          attempts: d.attempts.map((a) => ({ ...a, at: iso(a.at)! })),
          nextAttemptAt: iso(d.nextAttemptAt),
          createdAt: iso(d.createdAt)!,
          deliveredAt: iso(d.deliveredAt),
        })),
      };
    },
    ["owner", "admin"],
  );

  app.post(
    "/v1/webhook-endpoints/:id/deliveries/:deliveryId/retry",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary: "Send a delivery again now",
        params: Id.extend({ deliveryId: z.string().max(64) }),
        response: { 202: z.object({ queued: z.literal(true) }) },
      },
    },
    async (request, reply) => {
      await redeliverDelivery(
        deps,
        requireRole(request, [...managers]).workspaceId,
        request.params.id,
        request.params.deliveryId,
      );
      return reply.code(202).send({ queued: true });
    },
  );
}
