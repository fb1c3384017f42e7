import { z } from "zod";

/**
 * Resumable Upload API (template header samples): `POST /{app_id}/uploads` opens a session,
 * `POST /{upload_session_id}` with a `file_offset` header sends bytes, `GET /{upload_session_id}`
 * reads how many bytes Meta holds so an interrupted upload can continue from there.
 */

export const UPLOAD_FILE_TYPES = ["application/pdf", "image/jpeg", "image/jpg", "image/png", "video/mp4"] as const;

export const UploadSessionQuery = z.strictObject({
  file_name: z.string().min(1),
  file_length: z.number().int().positive(),
  file_type: z.enum(UPLOAD_FILE_TYPES),
});
export type UploadSessionQuery = z.infer<typeof UploadSessionQuery>;

/** Session ids look like `upload:MTphd...`. */
export const UploadSessionResponse = z.looseObject({ id: z.string().startsWith("upload:") });
export type UploadSessionResponse = z.infer<typeof UploadSessionResponse>;

/** The file handle (`h`) goes into a template's `example.header_handle`; it is not a media id. */
export const UploadChunkResponse = z.looseObject({ h: z.string().min(1) });
export type UploadChunkResponse = z.infer<typeof UploadChunkResponse>;

export const UploadOffsetResponse = z.looseObject({
  id: z.string().min(1),
  file_offset: z.number().int().nonnegative(),
});
export type UploadOffsetResponse = z.infer<typeof UploadOffsetResponse>;
