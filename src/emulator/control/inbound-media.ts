import { createHash } from "node:crypto";
import { mediaDownloadUrl } from "../media/media-node-handlers.js";
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
 * described in the message the way Meta's webhook does (`id`, `mime_type`, `sha256`, `url`, ...).
 * The webhook's `sha256` is base64 (Meta's image webhook reference and OpenAPI example:
 * `"sha256": "SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI="`), and `url` is the 5-minute download
 * URL Meta added to inbound media webhooks from 2025-11-12; `base` is the emulator's root for it.
 */
export function storeInboundMedia(
  ctx: EmulatorContext,
  phone: PhoneNumberRecord,
  media: InboundMedia,
  base: string,
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
  const object: Record<string, unknown> = {
    id,
    mime_type: media.mimeType,
    sha256: Buffer.from(sha256, "hex").toString("base64"),
    url: mediaDownloadUrl(ctx, base, id),
  };
  if (media.caption !== undefined && kind !== "audio" && kind !== "sticker") object["caption"] = media.caption;
  if (kind === "document" && media.filename) object["filename"] = media.filename;
  if (kind === "audio") object["voice"] = false;
  if (kind === "sticker") object["animated"] = false;
  return { type: kind, [kind]: object };
}
