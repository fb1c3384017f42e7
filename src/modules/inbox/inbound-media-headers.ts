/**
 * How Wharf serves bytes a customer sent. They come from anyone who can message the number, with a
 * type the sender chose, and are served from Wharf's own origin, where the dashboard's cookies live:
 * HTML, SVG, XML or script rendered there would run as the dashboard (stored XSS). So only types a
 * browser displays without executing anything are shown inline; everything else, unknown types
 * included, is a download of opaque bytes. nosniff stops the browser from second-guessing the type,
 * and the CSP sandboxes the response should a browser render it anyway.
 */
const INLINE_TYPES: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/gif": "gif",
  "image/webp": "webp",
  "audio/aac": "aac",
  "audio/amr": "amr",
  "audio/mpeg": "mp3",
  "audio/mp4": "m4a",
  "audio/ogg": "ogg",
  "video/mp4": "mp4",
  "video/3gpp": "3gp",
};

/** File name extensions for common attachment types, so a download without a name still opens sensibly. */
const ATTACHMENT_EXTENSIONS: Record<string, string> = {
  "application/pdf": "pdf",
  "text/plain": "txt",
  "text/csv": "csv",
  "application/msword": "doc",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.ms-excel": "xls",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/vnd.ms-powerpoint": "ppt",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
};

export const INBOUND_MEDIA_CSP = "default-src 'none'; sandbox";

/** The bare `type/subtype`, lower case; null when it is not a well-formed media type. */
function essence(contentType: string | null): string | null {
  const m = /^\s*([a-z0-9][a-z0-9!#$&^_.+-]{0,126})\/([a-z0-9][a-z0-9!#$&^_.+-]{0,126})\s*(?:;|$)/i.exec(
    contentType ?? "",
  );
  return m ? `${m[1]}/${m[2]}`.toLowerCase() : null;
}

/** A quoted-string-safe ASCII name (the legacy `filename=`): no quotes, backslashes, controls or path separators. */
function asciiName(name: string): string {
  const cleaned = name
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9._ -]+/g, "_")
    .replace(/^[. ]+/, "")
    .slice(0, 100)
    .trim();
  return cleaned || "file";
}

/** RFC 8187 `filename*`: every byte outside the attr-char set percent-encoded, so nothing can end the parameter. */
function encodedName(name: string): string {
  return Array.from(Buffer.from(name.slice(0, 200), "utf8"), (b) =>
    /[A-Za-z0-9._-]/.test(String.fromCharCode(b))
      ? String.fromCharCode(b)
      : `%${b.toString(16).toUpperCase().padStart(2, "0")}`,
  ).join("");
}

export function inboundMediaHeaders(media: {
  contentType: string | null;
  filename: string | null;
  metaMediaId: string;
}): Record<string, string> {
  const type = essence(media.contentType);
  const inlineExt = type ? INLINE_TYPES[type] : undefined;
  const ext = inlineExt ?? (type ? ATTACHMENT_EXTENSIONS[type] : undefined) ?? "bin";
  const fallback = `media-${media.metaMediaId.replace(/[^A-Za-z0-9]/g, "").slice(0, 64)}.${ext}`;
  const name = media.filename
    ? `filename="${asciiName(media.filename)}"; filename*=UTF-8''${encodedName(media.filename)}`
    : `filename="${fallback}"`;
  return {
    "content-type": inlineExt ? type! : "application/octet-stream",
    "content-disposition": `${inlineExt ? "inline" : "attachment"}; ${name}`,
    "x-content-type-options": "nosniff",
    "content-security-policy": INBOUND_MEDIA_CSP,
    "cache-control": "private, max-age=300",
  };
}
