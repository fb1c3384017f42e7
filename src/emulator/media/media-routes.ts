import { createHash, createHmac } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { requireMessaging } from "../auth/authorize.js";
import type { EmulatorContext } from "../core/context.js";
import { cloudApiError, GraphError } from "../core/graph-error.js";
import { numericId } from "../core/ids.js";
import { graphErrors } from "../core/meta-errors.js";
import { phoneEdge } from "../nodes/edges.js";
import type { PhoneNumberRecord } from "../state/model.js";
import { mediaLimit, SUPPORTED_MEDIA_TYPES } from "./media-types.js";

const uploadError = (details: string) => cloudApiError(400, 131053, "Media upload error", details);

/**
 * A type the upload endpoint does not take is Graph's generic invalid parameter, code 100 (not
 * 131053), with the list in the message itself, as Meta answers it (fbsamples/whatsapp-api-examples#10,
 * MissaelAnda/laravel-whatsapp#4: "(#100) Param file must be a file with one of the following types:
 * ... Received file of type 'application/octet-stream'.").
 */
const unsupportedTypeError = (mimeType: string) => {
  const message = `(#100) Param file must be a file with one of the following types: ${SUPPORTED_MEDIA_TYPES.join(", ")}. Received file of type '${mimeType}'.`;
  return new GraphError(400, { message, type: "OAuthException", code: 100 });
};

/** Meta's upload is multipart; undici's WHATWG parser reads it from the raw bytes. */
async function readMultipart(body: unknown, contentType: string | undefined): Promise<FormData> {
  if (!Buffer.isBuffer(body) || !contentType?.startsWith("multipart/form-data")) {
    throw graphErrors.invalidParameter("Media must be uploaded as multipart/form-data with a file field.");
  }
  try {
    return await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw graphErrors.invalidParameter("The multipart body could not be parsed.");
  }
}

/** Signs download URLs so a URL can't be forged for another media id or extended. */
export function downloadHash(secret: string, mediaId: string, expiresSec: number): string {
  return createHmac("sha256", secret).update(`${mediaId}:${expiresSec}`).digest("hex").slice(0, 32);
}

/**
 * Stores one uploaded file for a number (Meta's `/{phone_number_id}/media` and 360dialog's `/media`
 * share it): fields `file`, `type` and `messaging_product=whatsapp`; answers `{id}`.
 */
export async function storeUploadedMedia(
  ctx: EmulatorContext,
  phone: PhoneNumberRecord,
  body: unknown,
  contentType: string | undefined,
): Promise<{ id: string }> {
  const form = await readMultipart(body, contentType);
  if (form.get("messaging_product") !== "whatsapp") throw graphErrors.requiredParameter("messaging_product");
  const file = form.get("file");
  if (!(file instanceof Blob)) throw graphErrors.requiredParameter("file");
  const declared = form.get("type");
  const mimeType = (typeof declared === "string" && declared) || file.type;
  const limit = mediaLimit(mimeType);
  if (limit === undefined) throw unsupportedTypeError(mimeType);
  if (file.size > limit)
    throw uploadError(`Param file must be a file with a maximum size of ${limit} bytes; this one is ${file.size}.`);
  if (file.size === 0) throw uploadError("Param file must not be empty.");
  const bytes = Buffer.from(await file.arrayBuffer());
  const id = numericId(16);
  ctx.state.media.set(id, {
    id,
    phoneNumberId: phone.id,
    mimeType: mimeType.split(";")[0]!.trim().toLowerCase(),
    sha256: createHash("sha256").update(bytes).digest("hex"),
    bytes,
    ...(file instanceof File && file.name ? { fileName: file.name } : {}),
    createdAt: ctx.clock.now(),
  });
  return { id };
}

/**
 * `POST /{phone_number_id}/media`: an unsupported type is code 100, a file over its type's limit
 * 131053.
 */
export function registerMediaRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post("/:version/:id/media", async (request) => {
    const phone = phoneEdge(ctx, request, "POST", "media", requireMessaging);
    return storeUploadedMedia(ctx, phone, request.body, request.headers["content-type"]);
  });
}
