import type { FastifyInstance } from "fastify";
import { presentedToken, requireMessaging, requireToken, validateToken } from "../auth/authorize.js";
import type { EmulatorContext } from "../core/context.js";
import { GraphError } from "../core/graph-error.js";
import { graphErrors } from "../core/meta-errors.js";
import { allParams, stringParam } from "../http/params.js";
import { baseUrl } from "../http/urls.js";
import type { VersionedParams } from "../nodes/lookup.js";
import type { NodeHandler } from "../nodes/node-routes.js";
import type { MediaRecord } from "../state/content-model.js";
import { downloadHash } from "./media-routes.js";
import { MEDIA_RETENTION_MS, MEDIA_URL_TTL_MS } from "./media-types.js";

/**
 * The media node: readable and deletable with a token that can message from the media's WABA;
 * `phone_number_id`, when given, must be the number that uploaded it. Media is gone after 30 days.
 */
function ownedMedia(
  ctx: EmulatorContext,
  request: Parameters<NodeHandler>[1],
  params: VersionedParams,
  method: string,
): MediaRecord {
  const token = requireToken(ctx, request);
  const media = ctx.state.media.get(params.id)!;
  if (ctx.clock.now() - media.createdAt > MEDIA_RETENTION_MS) {
    ctx.state.media.delete(media.id);
    throw graphErrors.unknownObject(params.id, method);
  }
  const phone = ctx.state.phoneNumbers.get(media.phoneNumberId)!;
  requireMessaging(token, phone.wabaId);
  const owner = stringParam(allParams(request), "phone_number_id");
  if (owner !== undefined && owner !== media.phoneNumberId) throw graphErrors.unknownObject(params.id, method);
  return media;
}

/** A signed download URL of the media, valid 5 minutes (Meta's lookaside URL), under `base` (the emulator root). */
export function mediaDownloadUrl(ctx: EmulatorContext, base: string, mediaId: string): string {
  const expires = Math.floor((ctx.clock.now() + MEDIA_URL_TTL_MS) / 1000);
  const hash = downloadHash(ctx.state.app.secret, mediaId, expires);
  return `${base}/_lookaside/whatsapp_business/attachments/?mid=${mediaId}&ext=${expires}&hash=${hash}`;
}

/** What `GET /{media-id}` answers, on Meta's Graph and on 360dialog's stand-in alike. */
export function mediaNode(ctx: EmulatorContext, request: Parameters<NodeHandler>[1], media: MediaRecord) {
  return {
    messaging_product: "whatsapp",
    url: mediaDownloadUrl(ctx, baseUrl(ctx, request), media.id),
    mime_type: media.mimeType,
    sha256: media.sha256,
    // A string in Meta's reference and OpenAPI file ('303833'); clients must accept both.
    file_size: String(media.bytes.length),
    id: media.id,
  };
}

export const readMedia: NodeHandler = (ctx, request, params) =>
  mediaNode(ctx, request, ownedMedia(ctx, request, params, "GET"));

export const deleteMedia: NodeHandler = (ctx, request, params) => {
  const media = ownedMedia(ctx, request, params, "DELETE");
  ctx.state.media.delete(media.id);
  return { success: true };
};

/**
 * The download URL (Meta's lookaside.fbsbx.com): needs the same bearer token, answers the
 * bytes with their type, 404 once the URL expired (5 minutes) or the media was deleted, and
 * 401 without a valid token.
 */
export function registerMediaDownload(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get("/_lookaside/whatsapp_business/attachments/", async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const media = q.mid ? ctx.state.media.get(q.mid) : undefined;
    const expires = Number(q.ext);
    try {
      const token = validateToken(ctx, presentedToken(request));
      if (media) requireMessaging(token, ctx.state.phoneNumbers.get(media.phoneNumberId)!.wabaId);
    } catch (error) {
      if (error instanceof GraphError) return reply.code(401).type("text/plain").send("Unauthorized");
      throw error;
    }
    const valid =
      media && q.hash === downloadHash(ctx.state.app.secret, media.id, expires) && expires * 1000 > ctx.clock.now();
    if (!valid) return reply.code(404).type("text/plain").send("Not Found");
    // A customer's file name is arbitrary text; a CR/LF or non-ASCII character would make Node refuse the header.
    return reply
      .type(media.mimeType)
      .header("content-length", media.bytes.length)
      .header(
        "content-disposition",
        `attachment${media.fileName ? `; filename="${media.fileName.replace(/[^\x20-\x7e]|["\\]/g, "")}"` : ""}`,
      )
      .send(media.bytes);
  });
}
