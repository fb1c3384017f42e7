import type { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { UploadSessionQuery } from "../../graph/index.js";
import { requireRole, requireWorkspace, type App } from "../../platform/http/index.js";
import { AppError } from "../../platform/errors/index.js";
import type { WorkspaceGraphDeps } from "../connection/index.js";
import { HEADER_SAMPLE_LIMITS, limitFor, MESSAGE_MEDIA_LIMITS, mediaTypeOf, tooLarge } from "./media-types.js";
import { spoolToDisk, type SpooledFile } from "./spool-body.js";
import { uploadHeaderSample, type HeaderSampleDeps } from "./upload-header-sample.js";
import { uploadMessageMedia } from "./upload-message-media.js";

const tags = ["media"];
const FileName = z
  .string()
  .min(1)
  .max(240)
  .regex(/^[^/\\]+$/, "a file name, not a path");
const HeaderSampleOut = z.object({
  handle: z.string(),
  fileName: z.string(),
  fileType: z.string(),
  fileLength: z.number(),
  sha256: z.string(),
  resumes: z.number(),
});
const MediaOut = z.object({
  id: z.string().describe("Meta's media id, for image/video/document/audio/sticker {id} in POST /v1/messages"),
  phoneNumberId: z.string(),
  metaPhoneNumberId: z.string(),
  mimeType: z.string(),
  fileName: z.string(),
  fileSize: z.number(),
  sha256: z.string(),
  expiresAt: z.string(),
});
const RAW_BODY =
  "The file's bytes are the request body; its type is ?type=, else Content-Type, else the file name's extension.";

/**
 * The file's type and its limit, then the body read to disk within that limit (refused at once
 * when Content-Length is already over it). Any refusal closes the connection: the client may
 * still be sending, and what it sends is neither read to the end nor left on the socket.
 */
async function receive(
  request: FastifyRequest<{ Querystring: { fileName?: string | undefined; type?: string | undefined } }>,
  reply: FastifyReply,
  limits: Record<string, number>,
  where: string,
): Promise<{ spooled: SpooledFile; type: string }> {
  try {
    const { type, limit } = limitFor(
      limits,
      mediaTypeOf(request.query.type, request.headers["content-type"], request.query.fileName),
      where,
    );
    const declared = Number(request.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) throw tooLarge(type, limit);
    const body = request.body as Readable | undefined;
    if (!body || typeof body.pipe !== "function")
      throw new AppError("VALIDATION_FAILED", "Send the file's bytes as the request body.", {
        details: [{ field: "body", message: "missing" }],
      });
    return { spooled: await spoolToDisk(body, limit, () => tooLarge(type, limit)), type };
  } catch (err) {
    void reply.header("connection", "close");
    throw err;
  }
}

/**
 * Raw-body routes: the file is the body (no multipart), streamed to a temporary file within
 * Meta's limit for its type and then streamed on to Meta.
 */
export function mediaRoutes(app: App, deps: HeaderSampleDeps & WorkspaceGraphDeps): void {
  void app.register(async (raw: App) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser("*", (_request, payload, done) => done(null, payload));

    raw.post(
      "/v1/media/uploads",
      {
        config: { access: ["owner", "admin"] },
        schema: {
          tags,
          summary: "Resumable upload of a template header sample: a file in, Meta's handle out",
          description: `${RAW_BODY} Types: ${Object.keys(HEADER_SAMPLE_LIMITS).join(", ")}. Put the handle in example.header_handle of an IMAGE, VIDEO or DOCUMENT header.`,
          querystring: z.object({ fileName: FileName, type: z.string().optional() }),
          response: { 201: HeaderSampleOut },
        },
      },
      async (request, reply) => {
        const { workspaceId } = requireRole(request, ["owner", "admin"]);
        const { spooled, type } = await receive(request, reply, HEADER_SAMPLE_LIMITS, "template header samples");
        try {
          const out = await uploadHeaderSample(deps, workspaceId, {
            spooled,
            fileName: request.query.fileName,
            fileType: type as UploadSessionQuery["file_type"],
          });
          return reply.status(201).send(out);
        } finally {
          await spooled.discard();
        }
      },
    );

    raw.post(
      "/v1/media",
      {
        config: { access: ["owner", "admin", "agent"] },
        schema: {
          tags,
          summary: "Upload media for messages to one of the workspace's active numbers",
          description: `${RAW_BODY} Meta's types and limits: images 5 MB, video and audio 16 MB, documents 100 MB, stickers 500 KB.`,
          querystring: z.object({
            phoneNumberId: z.string().min(1).describe("our id (pn_...) or Meta's"),
            fileName: FileName.optional(),
            type: z.string().optional(),
          }),
          response: { 201: MediaOut },
        },
      },
      async (request, reply) => {
        const { workspaceId } = requireWorkspace(request);
        const { spooled, type } = await receive(request, reply, MESSAGE_MEDIA_LIMITS, "messages");
        try {
          const fileName = request.query.fileName ?? `file.${type.split("/")[1]}`;
          const out = await uploadMessageMedia(deps, workspaceId, {
            phoneNumberId: request.query.phoneNumberId,
            spooled,
            mimeType: type,
            fileName,
          });
          return reply.status(201).send(out);
        } finally {
          await spooled.discard();
        }
      },
    );
  });
}
