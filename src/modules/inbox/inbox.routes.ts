import { z } from "zod";
import type { App } from "../../platform/http/index.js";
import { NO_CONTENT, requireRole, requireWorkspace, readRoute } from "../../platform/http/index.js";
import type { WorkspaceChannelDeps } from "../connection/index.js";
import {
  cannedReplies,
  changeCannedReply,
  createCannedReply,
  removeCannedReply,
  type CannedReply,
} from "./canned-replies.js";
import { fetchInboundMedia } from "./fetch-inbound-media.js";
import { inboundMediaHeaders } from "./inbound-media-headers.js";

const tags = ["inbox"];
const CannedReplyOut = z.object({ id: z.string(), shortcut: z.string(), text: z.string(), updatedAt: z.string() });
// What an agent types after "/" in the reply box.
const Shortcut = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, "a shortcut is 1-32 letters, digits, - or _");
const ReplyText = z.string().trim().min(1).max(4096);
const cannedView = (r: CannedReply) => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString() });

export function inboxRoutes(app: App, deps: WorkspaceChannelDeps): void {
  app.get(
    "/v1/media/inbound/:metaMediaId",
    {
      config: {
        access: ["owner", "admin", "agent"],
        docs: {
          responses: {
            "200": {
              description: "The media's bytes, with Meta's content type (attachment unless inert)",
              content: {
                "application/octet-stream": {
                  schema: { type: "string", contentMediaType: "application/octet-stream" },
                },
              },
            },
          },
          errors: ["MEDIA_EXPIRED", "META_UNAVAILABLE"],
        },
      },
      schema: {
        tags,
        summary: "The bytes of media a customer sent, fetched from Meta on demand; only inert types are shown inline",
        params: z.object({ metaMediaId: z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, "must be Meta's media id") }),
      },
    },
    async (request, reply) => {
      const { metaMediaId } = request.params;
      const media = await fetchInboundMedia(deps, requireWorkspace(request).workspaceId, metaMediaId);
      void reply.headers(
        inboundMediaHeaders({ contentType: media.contentType, filename: media.filename, metaMediaId }),
      );
      return reply.send(media.body);
    },
  );

  readRoute(
    app,
    "/v1/canned-replies",
    {
      tags,
      summary: "The workspace's canned replies, by shortcut",
      response: { 200: z.object({ data: z.array(CannedReplyOut) }) },
    },
    async (workspaceId) => ({
      data: (await cannedReplies(deps.db, workspaceId)).map(cannedView),
    }),
  );

  app.post(
    "/v1/canned-replies",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary: "Save a canned reply (owner or admin); agents pick it with /shortcut in the reply box",
        body: z.strictObject({ shortcut: Shortcut, text: ReplyText }),
        response: { 201: CannedReplyOut },
      },
    },
    async (request, reply) => {
      const { workspaceId } = requireRole(request, ["owner", "admin"]);
      return reply.status(201).send(cannedView(await createCannedReply(deps, workspaceId, request.body)));
    },
  );

  app.patch(
    "/v1/canned-replies/:id",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary: "Change a canned reply's shortcut or text",
        params: z.object({ id: z.string().max(64) }),
        body: z
          .strictObject({ shortcut: Shortcut.optional(), text: ReplyText.optional() })
          .refine((b) => b.shortcut !== undefined || b.text !== undefined, "give shortcut or text"),
        response: { 200: CannedReplyOut },
      },
    },
    async (request) => {
      const { workspaceId } = requireRole(request, ["owner", "admin"]);
      return cannedView(await changeCannedReply(deps, workspaceId, request.params.id, request.body));
    },
  );

  app.delete(
    "/v1/canned-replies/:id",
    {
      config: { access: ["owner", "admin"], docs: { responses: NO_CONTENT } },
      schema: { tags, summary: "Delete a canned reply", params: z.object({ id: z.string().max(64) }) },
    },
    async (request, reply) => {
      await removeCannedReply(deps.db, requireRole(request, ["owner", "admin"]).workspaceId, request.params.id);
      return reply.status(204).send();
    },
  );
}
