import { createHash, createHmac } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { requireMessaging, requireToken } from "../auth/authorize.js";
import type { EmulatorContext } from "../core/context.js";
import { cloudApiError } from "../core/graph-error.js";
import { numericId } from "../core/ids.js";
import { graphErrors } from "../core/meta-errors.js";
import { resolveEdge, type VersionedParams } from "../nodes/lookup.js";
import { mediaLimit, SUPPORTED_MEDIA_TYPES } from "./media-types.js";

const uploadError = (details: string) => cloudApiError(400, 131053, "Media upload error", details);

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
 * `POST /{phone_number_id}/media`: fields `file`, `type` and `messaging_product=whatsapp`;
 * an unsupported type or a file over its type's limit is 131053. Answers `{id}`.
 */
export function registerMediaRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post("/:version/:id/media", async (request) => {
    const params = request.params as VersionedParams;
    resolveEdge(ctx, params, "POST", "media", ["phone_number"]);
    const phone = ctx.state.phoneNumbers.get(params.id)!;
    requireMessaging(requireToken(ctx, request), phone.wabaId);
    const form = await readMultipart(request.body, request.headers["content-type"]);
    if (form.get("messaging_product") !== "whatsapp") throw graphErrors.requiredParameter("messaging_product");
    const file = form.get("file");
    if (!(file instanceof Blob)) throw graphErrors.requiredParameter("file");
    const declared = form.get("type");
    const mimeType = (typeof declared === "string" && declared) || file.type;
    const limit = mediaLimit(mimeType);
    if (limit === undefined) {
      throw uploadError(
        `Param file must be a file with one of the following types: ${SUPPORTED_MEDIA_TYPES.join(", ")}. Received file of type '${mimeType}'.`,
      );
    }
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
  });
}
