import { z } from "zod";
import { GraphId } from "./common.js";

/** Cloud API media endpoints: `POST /{phone_number_id}/media`, `GET|DELETE /{media_id}`. */

/** Upload is multipart (`file`, `type`, `messaging_product=whatsapp`); the answer is the id. */
export const MediaUploadResponse = z.looseObject({ id: GraphId });
export type MediaUploadResponse = z.infer<typeof MediaUploadResponse>;

/**
 * The `url` is valid for 5 minutes and must be fetched with the same bearer token.
 * `file_size` is a number in practice but a string in Meta's docs, so both are accepted.
 */
export const MediaInfo = z.looseObject({
  messaging_product: z.literal("whatsapp").optional(),
  id: GraphId,
  url: z.url(),
  mime_type: z.string().min(1),
  sha256: z.string().min(1),
  file_size: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]),
});
export type MediaInfo = z.infer<typeof MediaInfo>;
