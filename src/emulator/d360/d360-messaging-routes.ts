import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { EmulatorContext } from "../core/context.js";
import { graphErrors } from "../core/meta-errors.js";
import { storeUploadedMedia } from "../media/media-routes.js";
import { mediaNode } from "../media/media-node-handlers.js";
import { markRead } from "../messages/messages-routes.js";
import { sendMessage } from "../messages/send-message.js";
import { channelOfKey, sendInvalidKey, type KeyHolder } from "./d360-auth.js";

/** Where the stand-in's `https://waba-v2.360dialog.io` lives, relative to the emulator's root. */
export const D360_WABA_PREFIX = "/_360dialog/waba-v2";

type Handler = (holder: KeyHolder, request: FastifyRequest, reply: FastifyReply) => unknown;

/** Every messaging call starts with the key: no key, an unknown or a revoked one is 360dialog's 401. */
export function withKey(ctx: EmulatorContext, handler: Handler) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const holder = channelOfKey(ctx, request);
    if (!holder) return sendInvalidKey(reply);
    return handler(holder, request, reply);
  };
}

/**
 * The Cloud API through 360dialog (docs.360dialog.com "The Basics": base `https://waba-v2.360dialog.io`,
 * `POST /messages` with Meta's body, header `D360-API-KEY`). The number is the key's channel, so no
 * phone number id appears in the paths. Past the key, the answers and errors are Meta's own: the
 * same send, mark-read and media code as the Graph emulator, over the same state.
 */
export function registerD360MessagingRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post(
    `${D360_WABA_PREFIX}/messages`,
    withKey(ctx, ({ phone }, request) => {
      const body = request.body as Record<string, unknown> | undefined;
      if (body && typeof body === "object" && body["status"] === "read") return markRead(ctx, phone, body);
      return sendMessage(ctx, phone, body);
    }),
  );

  app.post(
    `${D360_WABA_PREFIX}/media`,
    withKey(ctx, ({ phone }, request) => storeUploadedMedia(ctx, phone, request.body, request.headers["content-type"])),
  );

  /**
   * The media node answers Meta's lookaside URL; 360dialog's docs have the client swap
   * `https://lookaside.fbsbx.com` for the waba-v2 base and fetch it there with its key: the path
   * from `/whatsapp_business/` on, with its query, goes under the base.
   */
  app.get(
    `${D360_WABA_PREFIX}/:mediaId`,
    withKey(ctx, ({ phone }, request) => {
      const { mediaId } = request.params as { mediaId: string };
      const media = ctx.state.media.get(mediaId);
      if (!media || media.phoneNumberId !== phone.id) throw graphErrors.unknownObject(mediaId, "GET");
      return mediaNode(ctx, request, media);
    }),
  );

  app.delete(
    `${D360_WABA_PREFIX}/:mediaId`,
    withKey(ctx, ({ phone }, request) => {
      const { mediaId } = request.params as { mediaId: string };
      const media = ctx.state.media.get(mediaId);
      if (!media || media.phoneNumberId !== phone.id) throw graphErrors.unknownObject(mediaId, "DELETE");
      ctx.state.media.delete(mediaId);
      return { success: true };
    }),
  );

  /** The lookaside path under the waba-v2 base: the bytes, for the key of the number that holds them. */
  app.get(
    `${D360_WABA_PREFIX}/whatsapp_business/attachments/`,
    withKey(ctx, ({ phone }, request, reply) => {
      const q = request.query as Record<string, string | undefined>;
      const media = q.mid ? ctx.state.media.get(q.mid) : undefined;
      if (!media || media.phoneNumberId !== phone.id) return reply.code(404).type("text/plain").send("Not Found");
      return reply.type(media.mimeType).header("content-length", media.bytes.length).send(media.bytes);
    }),
  );

  /**
   * `GET /health_status` (docs.360dialog.com, "Messaging Health Status"): the number, its WABA,
   * business and app, each with `can_send_message`. It is also how a client holding only a key
   * learns which number and WABA the key sends from.
   */
  app.get(
    `${D360_WABA_PREFIX}/health_status`,
    withKey(ctx, ({ phone, channel }) => {
      const waba = ctx.state.wabas.get(channel.wabaId);
      const canSend = phone.health?.canSend ?? "AVAILABLE";
      return {
        health_status: {
          can_send_message: canSend,
          entities: [
            { entity_type: "PHONE_NUMBER", id: phone.id, can_send_message: canSend },
            { entity_type: "WABA", id: channel.wabaId, can_send_message: "AVAILABLE" },
            ...(waba ? [{ entity_type: "BUSINESS", id: waba.businessId, can_send_message: "AVAILABLE" }] : []),
          ],
        },
      };
    }),
  );
}
