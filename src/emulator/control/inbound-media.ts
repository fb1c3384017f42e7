import { createHash } from "node:crypto";
import type { EmulatorContext } from "../core/context.js";
import { numericId } from "../core/ids.js";
import type { PhoneNumberRecord } from "../state/model.js";

export interface InboundMedia {
  mimeType: string;
  base64: string;
  filename?: string;
  caption?: string;
  kind?: "image" | "video" | "audio" | "document" | "sticker";
}

function kindOf(mimeType: string): NonNullable<InboundMedia["kind"]> {
  if (mimeType === "image/webp") return "sticker";
  if (mimeType.startsWith("image/")) return "image";
  if (mimeType.startsWith("video/")) return "video";
  if (mimeType.startsWith("audio/")) return "audio";
  return "document";
}

/**
 * A customer's photo, voice note or file: kept as media of the receiving number (so
 * `GET /{media_id}` and its download URL work, as for media the business uploads) and
 * described in the message the way Meta's webhook does (`id`, `mime_type`, `sha256`, ...).
 */
export function storeInboundMedia(
  ctx: EmulatorContext,
  phone: PhoneNumberRecord,
  media: InboundMedia,
): Record<string, unknown> {
  const bytes = Buffer.from(media.base64, "base64");
  const id = numericId(16);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  ctx.state.media.set(id, {
    id,
    phoneNumberId: phone.id,
    mimeType: media.mimeType,
    sha256,
    bytes,
    ...(media.filename ? { fileName: media.filename } : {}),
    createdAt: ctx.clock.now(),
  });
  const kind = media.kind ?? kindOf(media.mimeType);
  const object: Record<string, unknown> = { id, mime_type: media.mimeType, sha256 };
  if (media.caption !== undefined && kind !== "audio" && kind !== "sticker") object["caption"] = media.caption;
  if (kind === "document" && media.filename) object["filename"] = media.filename;
  if (kind === "audio") object["voice"] = false;
  if (kind === "sticker") object["animated"] = false;
  return { type: kind, [kind]: object };
}
