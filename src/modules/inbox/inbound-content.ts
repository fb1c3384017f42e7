/**
 * Reading Meta's inbound message objects (already checked by the webhook schemas, channels/wire.ts):
 * the media a message carries, the words that mean "stop", a one-line preview for the inbox.
 *
 * `INBOUND_KINDS` has one entry per type Meta's schema knows (`KNOWN_INBOUND_TYPES` in
 * the inbound-message webhook schema); the compiler refuses a new type there until it has its entry
 * here. A type Meta adds before Wharf knows it is stored as received and previewed as `[type]`.
 */
import type { InboundMessageType } from "../../channels/index.js";
import { orderPreview } from "./inbound-order.js";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : null);
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

interface InboundKind {
  /** Kept in Wharf's media table and fetchable from Meta (the type's object carries `id`). */
  media?: true;
  /** The words the customer wrote or tapped: for STOP keywords and the preview. */
  words?: (body: Obj | null) => string | null;
  /** The preview when there are no words; `[type]` when absent. */
  preview?: (body: Obj | null) => string | null;
  /** A preview that needs the whole message rather than the type's object. */
  previewMessage?: (content: unknown) => string | null;
}

const MEDIA: InboundKind = { media: true, preview: (b) => str(b?.caption) };

export const INBOUND_KINDS = {
  text: { words: (b) => str(b?.body) },
  image: MEDIA,
  video: MEDIA,
  audio: MEDIA,
  document: MEDIA,
  sticker: MEDIA,
  location: { preview: (b) => str(b?.name) },
  contacts: {},
  interactive: { words: (b) => str(obj(b?.button_reply)?.title) ?? str(obj(b?.list_reply)?.title) },
  /** A template's quick-reply tap. */
  button: { words: (b) => str(b?.text) },
  reaction: { preview: (b) => `[reaction ${str(b?.emoji) || "removed"}]` },
  order: { previewMessage: orderPreview },
  system: {},
  unsupported: {},
} satisfies Record<InboundMessageType, InboundKind>;

const kindOf = (type: string): InboundKind | undefined =>
  Object.hasOwn(INBOUND_KINDS, type) ? (INBOUND_KINDS as Record<string, InboundKind>)[type] : undefined;
const bodyOf = (type: string, content: unknown): Obj | null => obj(obj(content)?.[type]);

export function mediaOf(
  type: string,
  content: unknown,
): { meta_media_id: string; mime_type: string | null; sha256: string | null; filename: string | null } | null {
  if (!kindOf(type)?.media) return null;
  const media = bodyOf(type, content);
  const id = str(media?.id);
  if (!media || !id) return null;
  return {
    meta_media_id: id,
    mime_type: str(media.mime_type),
    sha256: str(media.sha256),
    filename: str(media.filename),
  };
}

/** The words the customer wrote or tapped, for a text, a template quick reply or an interactive reply. */
export function wordsOf(type: string, content: unknown): string | null {
  return kindOf(type)?.words?.(bodyOf(type, content)) ?? null;
}

/** One line for the inbox list and live events. */
export function previewOf(type: string, content: unknown): string {
  const kind = kindOf(type);
  const body = bodyOf(type, content);
  const line = kind?.words?.(body) ?? kind?.preview?.(body) ?? kind?.previewMessage?.(content) ?? null;
  return line === null ? `[${type}]` : line.slice(0, 200);
}
