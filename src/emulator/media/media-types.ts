/**
 * Supported media types and size limits for Cloud API media (Meta "Supported media types"). The
 * upload endpoint also takes `audio/opus`: its own refusal lists it (`(#100) Param file must be a
 * file with one of the following types: audio/aac, audio/mp4, audio/mpeg, audio/amr, audio/ogg,
 * audio/opus, ...`, quoted in fbsamples/whatsapp-api-examples#10 and MissaelAnda/laravel-whatsapp#4),
 * while the docs' table lists only `audio/ogg` ("OPUS codecs only"). The list is kept in the order
 * that message gives.
 */
const MB = 1024 * 1024;

const LIMITS: Record<string, number> = {
  "audio/aac": 16 * MB,
  "audio/mp4": 16 * MB,
  "audio/mpeg": 16 * MB,
  "audio/amr": 16 * MB,
  "audio/ogg": 16 * MB,
  "audio/opus": 16 * MB,
  "application/vnd.ms-powerpoint": 100 * MB,
  "application/msword": 100 * MB,
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": 100 * MB,
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": 100 * MB,
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": 100 * MB,
  "application/pdf": 100 * MB,
  "text/plain": 100 * MB,
  "application/vnd.ms-excel": 100 * MB,
  "image/jpeg": 5 * MB,
  "image/png": 5 * MB,
  // Animated stickers may reach 500 KB; static ones 100 KB. The larger bound is enforced here.
  "image/webp": 500 * 1024,
  "video/mp4": 16 * MB,
  "video/3gpp": 16 * MB,
};

export function mediaLimit(mimeType: string): number | undefined {
  return LIMITS[mimeType.split(";")[0]!.trim().toLowerCase()];
}

export const SUPPORTED_MEDIA_TYPES = Object.keys(LIMITS);

/** Uploaded media stays 30 days; a download URL stays valid 5 minutes (Meta media docs). */
export const MEDIA_RETENTION_MS = 30 * 24 * 60 * 60_000;
export const MEDIA_URL_TTL_MS = 5 * 60_000;
