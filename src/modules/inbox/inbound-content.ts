/**
 * Reading Meta's inbound message objects (already checked by the webhook schemas in graph/):
 * the media a message carries, the words that mean "stop", a one-line preview for the inbox.
 */

export const MEDIA_TYPES = ["image", "video", "audio", "document", "sticker"] as const;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : null);
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

export function mediaOf(
  type: string,
  content: unknown,
): { meta_media_id: string; mime_type: string | null; sha256: string | null; filename: string | null } | null {
  if (!(MEDIA_TYPES as readonly string[]).includes(type)) return null;
  const media = obj(obj(content)?.[type]);
  const id = str(media?.id);
  if (!media || !id) return null;
  return {
    meta_media_id: id,
    mime_type: str(media.mime_type),
    sha256: str(media.sha256),
    filename: str(media.filename),
  };
}

// The usual opt-out words, and the "Stop promotions" quick reply Meta adds to marketing templates.
const STOP_WORDS = new Set(["STOP", "STOP ALL", "STOPALL", "UNSUBSCRIBE", "OPT OUT", "OPTOUT", "STOP PROMOTIONS"]);

/** The words the customer wrote or tapped, for a text, a template quick reply or an interactive reply. */
export function wordsOf(type: string, content: unknown): string | null {
  const m = obj(content);
  if (type === "text") return str(obj(m?.text)?.body);
  if (type === "button") return str(obj(m?.button)?.text);
  if (type === "interactive") {
    const i = obj(m?.interactive);
    return str(obj(i?.button_reply)?.title) ?? str(obj(i?.list_reply)?.title);
  }
  return null;
}

/** "STOP", "stop", " Stop! " all count; "please stop calling me" does not (too easy to misread). */
export function isStopRequest(type: string, content: unknown): boolean {
  const words = wordsOf(type, content);
  if (words === null) return false;
  const normalized = words
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[^\p{L}\p{N}\s]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
  return STOP_WORDS.has(normalized);
}

/** One line for the inbox list and live events. */
export function previewOf(type: string, content: unknown): string {
  const words = wordsOf(type, content);
  if (words !== null) return words.slice(0, 200);
  const m = obj(content);
  if ((MEDIA_TYPES as readonly string[]).includes(type))
    return str(obj(m?.[type])?.caption)?.slice(0, 200) ?? `[${type}]`;
  if (type === "reaction") return `[reaction ${str(obj(m?.reaction)?.emoji) ?? "removed"}]`;
  if (type === "location") return str(obj(m?.location)?.name) ?? "[location]";
  return `[${type}]`;
}
