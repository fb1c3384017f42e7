import type { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { UploadSessionQuery } from "../../channels/index.js";
import { requireRole, requireWorkspace, type App } from "../../platform/http/index.js";
import { AppError } from "../../platform/errors/index.js";
import { HEADER_SAMPLE_LIMITS, limitFor, MESSAGE_MEDIA_LIMITS, mediaTypeOf, tooLarge } from "./media-types.js";
import { multipartBoundary } from "./multipart.js";
import { receiveMultipart } from "./receive-multipart.js";
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

type UploadQuery = { fileName?: string | undefined; type?: string | undefined };

/**
 * The file, read to disk within Meta's limit for its type: either the raw body (its type from
 * `?type=`, Content-Type or the file name), or a multipart form's `file` part (its type from
 * `?type=`, a `type` field sent before it, the part's Content-Type or file name; a `type` field
 * after the file is checked against what was read). Any refusal closes the connection: the client
 * may still be sending, and what it sends is neither read to the end nor left on the socket.
 */
async function receive(
  request: FastifyRequest<{ Querystring: UploadQuery }>,
  reply: FastifyReply,
  limits: Record<string, number>,
  where: string,
): Promise<{ spooled: SpooledFile; type: string; fileName: string | undefined; fields: Record<string, string> }> {
  try {
    const body = request.body as Readable | undefined;
    if (!body || typeof body.pipe !== "function")
      throw new AppError("VALIDATION_FAILED", "Send the file's bytes as the request body, or as a form's file field.", {
        details: [{ field: "body", message: "missing" }],
      });
    const boundary = multipartBoundary(request.headers["content-type"]);
    if (boundary) return await receiveForm(request, body, boundary, limits, where);
    const { type, limit } = limitFor(
      limits,
      mediaTypeOf(request.query.type, request.headers["content-type"], request.query.fileName),
      where,
    );
    const declared = Number(request.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) throw tooLarge(type, limit);
    const spooled = await spoolToDisk(body, limit, () => tooLarge(type, limit));
    return { spooled, type, fileName: request.query.fileName, fields: {} };
  } catch (err) {
    void reply.header("connection", "close");
    throw err;
  }
}

async function receiveForm(
  request: FastifyRequest<{ Querystring: UploadQuery }>,
  body: Readable,
  boundary: string,
  limits: Record<string, number>,
  where: string,
) {
  // The largest file the route takes, plus room for the form's own parts.
  const declared = Number(request.headers["content-length"]);
  const largest = Math.max(...Object.values(limits));
  if (Number.isFinite(declared) && declared > largest + 64 * 1024)
    throw new AppError("MEDIA_TOO_LARGE", `The form is larger than the largest file Meta accepts for ${where}.`);
  const form = await receiveMultipart(body, boundary, (part, fields) => {
    const { type, limit } = limitFor(
      limits,
      mediaTypeOf(request.query.type ?? fields.type, part.contentType ?? undefined, part.fileName ?? undefined),
      where,
    );
    return { type, limit, tooLarge: () => tooLarge(type, limit) };
  });
  // A `type` field sent after the file (as Meta's own curl example does) names the type too.
  const named = request.query.type ?? form.fields.type;
  let type = form.type;
  if (named !== undefined && named.split(";")[0]!.trim().toLowerCase() !== form.type) {
    try {
      const checked = limitFor(limits, mediaTypeOf(named, undefined, undefined), where);
      if (form.spooled.size > checked.limit) throw tooLarge(checked.type, checked.limit);
      type = checked.type;
    } catch (err) {
      await form.spooled.discard();
      throw err;
    }
  }
  const fileName = request.query.fileName ?? form.fields.fileName ?? form.file.fileName ?? undefined;
  return { spooled: form.spooled, type, fileName, fields: form.fields };
}

const missing = (field: string, message: string) =>
  new AppError("VALIDATION_FAILED", message, { details: [{ field, message: "required" }] });

function formDocs(fields: Record<string, string>) {
  return {
    contentType: "multipart/form-data",
    description: "Or the file's bytes as the body (see the description)",
    schema: {
      type: "object",
      required: ["file"],
      properties: {
        file: { type: "string", contentMediaType: "application/octet-stream", description: "the file" },
        ...Object.fromEntries(
          Object.entries(fields).map(([name, description]) => [name, { type: "string", description }]),
        ),
      },
    },
  };
}

const FORM =
  'Or a multipart form (`curl -F file=@photo.png`, as Meta\'s media API takes it): the file in the field "file"; other fields as the query parameters.';

/**
 * Raw-body routes: the file is the body (no multipart), streamed to a temporary file within
 * Meta's limit for its type and then streamed on to Meta.
 */
export function mediaRoutes(app: App, deps: HeaderSampleDeps): void {
  void app.register(async (raw: App) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser("*", (_request, payload, done) => done(null, payload));

    raw.post(
      "/v1/media/uploads",
      {
        config: {
          access: ["owner", "admin"],
          docs: {
            body: formDocs({ type: "the file's MIME type", fileName: "the file's name" }),
            errors: ["MEDIA_TOO_LARGE", "MEDIA_TYPE_NOT_SUPPORTED", "NOT_CONNECTED", "META_REQUEST_FAILED"],
          },
        },
        schema: {
          tags,
          summary: "Resumable upload of a template header sample: a file in, Meta's handle out",
          description: `${RAW_BODY} ${FORM} Types: ${Object.keys(HEADER_SAMPLE_LIMITS).join(", ")}. Put the handle in example.header_handle of an IMAGE, VIDEO or DOCUMENT header.`,
          querystring: z.object({
            fileName: FileName.optional().describe("required for a raw body; a form's file part names its file"),
            type: z.string().optional(),
          }),
          response: { 201: HeaderSampleOut },
        },
      },
      async (request, reply) => {
        const { workspaceId } = requireRole(request, ["owner", "admin"]);
        if (request.query.fileName === undefined && !multipartBoundary(request.headers["content-type"]))
          throw missing("fileName", "Name the file: ?fileName=sample.png.");
        const { spooled, type, fileName } = await receive(
          request,
          reply,
          HEADER_SAMPLE_LIMITS,
          "template header samples",
        );
        try {
          const name = FileName.safeParse(fileName);
          if (!name.success)
            throw new AppError(
              "VALIDATION_FAILED",
              "Name the file: ?fileName=sample.png, or a file name on the form's file part.",
              {
                details: [
                  { field: "fileName", message: fileName === undefined ? "required" : "a file name, not a path" },
                ],
              },
            );
          const out = await uploadHeaderSample(deps, workspaceId, {
            spooled,
            fileName: name.data,
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
        config: {
          access: ["owner", "admin", "agent"],
          docs: {
            body: formDocs({
              phoneNumberId: "our id (pn_...) or Meta's",
              type: "the file's MIME type",
              fileName: "the file's name",
              messaging_product: "ignored (Meta's form has it)",
            }),
            errors: [
              "NOT_FOUND",
              "MEDIA_TOO_LARGE",
              "MEDIA_TYPE_NOT_SUPPORTED",
              "PHONE_NUMBER_NOT_ACTIVE",
              "META_REQUEST_FAILED",
            ],
          },
        },
        schema: {
          tags,
          summary: "Upload media for messages to one of the workspace's active numbers",
          description: `${RAW_BODY} ${FORM} Meta's types and limits: images 5 MB, video and audio 16 MB, documents 100 MB, stickers 500 KB.`,
          querystring: z.object({
            phoneNumberId: z
              .string()
              .min(1)
              .optional()
              .describe("our id (pn_...) or Meta's; required, here or as a form field"),
            fileName: FileName.optional(),
            type: z.string().optional(),
          }),
          response: { 201: MediaOut },
        },
      },
      async (request, reply) => {
        const { workspaceId } = requireWorkspace(request);
        if (request.query.phoneNumberId === undefined && !multipartBoundary(request.headers["content-type"]))
          throw missing("phoneNumberId", "Name the number to upload to: ?phoneNumberId=pn_....");
        const { spooled, type, fileName, fields } = await receive(request, reply, MESSAGE_MEDIA_LIMITS, "messages");
        try {
          const phoneNumberId = request.query.phoneNumberId ?? fields.phoneNumberId;
          if (!phoneNumberId)
            throw new AppError(
              "VALIDATION_FAILED",
              "Name the number to upload to: ?phoneNumberId=pn_... or a phoneNumberId form field.",
              {
                details: [{ field: "phoneNumberId", message: "required" }],
              },
            );
          const name = FileName.safeParse(fileName);
          const out = await uploadMessageMedia(deps, workspaceId, {
            phoneNumberId,
            spooled,
            mimeType: type,
            fileName: name.success ? name.data : `file.${type.split("/")[1]}`,
          });
          return reply.status(201).send(out);
        } finally {
          await spooled.discard();
        }
      },
    );
  });
}
