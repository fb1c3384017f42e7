import { UPLOAD_FILE_TYPES } from "../../channels/index.js";
import { AppError } from "../../platform/errors/index.js";

/**
 * Meta's supported media for messages and their size limits ("Supported media types"). The docs'
 * table lists `audio/ogg` ("OPUS codecs only"); the upload endpoint's own refusal also lists
 * `audio/opus` ("(#100) Param file must be a file with one of the following types: ..., audio/ogg,
 * audio/opus, ...", quoted in fbsamples/whatsapp-api-examples#10), so Wharf takes both.
 */
const MB = 1024 * 1024;
const AUDIO = ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg", "audio/opus"];
const DOCUMENTS = [
  "text/plain",
  "application/pdf",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.ms-powerpoint",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
];

export const MESSAGE_MEDIA_LIMITS: Record<string, number> = {
  ...Object.fromEntries(AUDIO.map((t) => [t, 16 * MB])),
  ...Object.fromEntries(DOCUMENTS.map((t) => [t, 100 * MB])),
  "image/jpeg": 5 * MB,
  "image/png": 5 * MB,
  // Stickers: 100 KB static, 500 KB animated; which one a file is can't be told from its type.
  "image/webp": 500 * 1024,
  "video/mp4": 16 * MB,
  "video/3gpp": 16 * MB,
};

/**
 * Template header samples go through the Resumable Upload API, which takes only these types; the
 * sample is held to the limit a message of that kind has, since that is what the header will carry.
 */
export const HEADER_SAMPLE_LIMITS: Record<string, number> = Object.fromEntries(
  UPLOAD_FILE_TYPES.map((t) => [t, t.startsWith("image/") ? 5 * MB : t === "video/mp4" ? 16 * MB : 100 * MB]),
);

const EXTENSIONS: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  mp4: "video/mp4",
  "3gp": "video/3gpp",
  pdf: "application/pdf",
  txt: "text/plain",
  mp3: "audio/mpeg",
  ogg: "audio/ogg",
  opus: "audio/opus",
  aac: "audio/aac",
  amr: "audio/amr",
  m4a: "audio/mp4",
  doc: "application/msword",
  docx: DOCUMENTS[5]!,
  xls: DOCUMENTS[2]!,
  xlsx: DOCUMENTS[3]!,
  ppt: DOCUMENTS[6]!,
  pptx: DOCUMENTS[7]!,
};

/** The file's type: `?type=`, else the request's Content-Type, else the file name's extension. */
export function mediaTypeOf(
  explicit: string | undefined,
  contentType: string | undefined,
  fileName: string | undefined,
): string | null {
  const declared = explicit ?? contentType;
  const clean = declared?.split(";")[0]!.trim().toLowerCase();
  if (clean && clean !== "application/octet-stream") return clean;
  const ext = fileName?.split(".").pop()?.toLowerCase();
  return ext ? (EXTENSIONS[ext] ?? null) : null;
}

/** The type with its size limit, or MEDIA_TYPE_NOT_SUPPORTED naming the types that are. */
export function limitFor(
  limits: Record<string, number>,
  type: string | null,
  where: string,
): { type: string; limit: number } {
  const limit = type ? limits[type] : undefined;
  if (type && limit !== undefined) return { type, limit };
  const what = type
    ? `"${type}" is not a type Meta accepts for ${where}`
    : `The file's type is unknown (send it as Content-Type or ?type=)`;
  throw new AppError("MEDIA_TYPE_NOT_SUPPORTED", `${what}. Supported: ${Object.keys(limits).join(", ")}.`);
}

export function tooLarge(type: string, limit: number): AppError {
  const size = limit >= MB ? `${limit / MB} MB` : `${limit / 1024} KB`;
  return new AppError("MEDIA_TOO_LARGE", `Meta accepts ${type} files of at most ${size}; make the file smaller.`);
}
