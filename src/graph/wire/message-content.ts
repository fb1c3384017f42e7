import { z } from "zod";
import { MediaId, MediaLink } from "./common.js";

/**
 * Per-type content objects of `POST /{phone_number_id}/messages` (text, media, location,
 * contacts, reaction). Request bodies are strict: Cloud API answers `(#100) Unexpected key`
 * for keys it does not know, so a typo must fail here too (the emulator validates with these).
 */

export const TextContent = z.strictObject({
  body: z.string().min(1).max(4096),
  preview_url: z.boolean().optional(),
});
export type TextContent = z.infer<typeof TextContent>;

/** OAS `MediaObject`: exactly one of `id` or `link`, never both. */
function mediaContent<S extends z.core.$ZodLooseShape>(extra: S) {
  return z.union([z.strictObject({ id: MediaId, ...extra }), z.strictObject({ link: MediaLink, ...extra })]);
}

const caption = { caption: z.string().max(1024).optional() };

export const ImageContent = mediaContent(caption);
export type ImageContent = z.infer<typeof ImageContent>;
export const VideoContent = mediaContent(caption);
export type VideoContent = z.infer<typeof VideoContent>;
export const DocumentContent = mediaContent({ ...caption, filename: z.string().min(1).optional() });
export type DocumentContent = z.infer<typeof DocumentContent>;
/** Audio and stickers take no caption. */
export const AudioContent = mediaContent({});
export type AudioContent = z.infer<typeof AudioContent>;
export const StickerContent = mediaContent({});
export type StickerContent = z.infer<typeof StickerContent>;

export const LocationContent = z.strictObject({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  name: z.string().optional(),
  address: z.string().optional(),
});
export type LocationContent = z.infer<typeof LocationContent>;

export const ContactCard = z.strictObject({
  name: z.strictObject({
    formatted_name: z.string().min(1),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    middle_name: z.string().optional(),
    suffix: z.string().optional(),
    prefix: z.string().optional(),
  }),
  birthday: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  phones: z
    .array(z.strictObject({ phone: z.string().optional(), type: z.string().optional(), wa_id: z.string().optional() }))
    .optional(),
  emails: z.array(z.strictObject({ email: z.string().optional(), type: z.string().optional() })).optional(),
  urls: z.array(z.strictObject({ url: z.string().optional(), type: z.string().optional() })).optional(),
  org: z
    .strictObject({ company: z.string().optional(), department: z.string().optional(), title: z.string().optional() })
    .optional(),
  addresses: z
    .array(
      z.strictObject({
        street: z.string().optional(),
        city: z.string().optional(),
        state: z.string().optional(),
        zip: z.string().optional(),
        country: z.string().optional(),
        country_code: z.string().optional(),
        type: z.string().optional(),
      }),
    )
    .optional(),
});
export type ContactCard = z.infer<typeof ContactCard>;
export const ContactsContent = z.array(ContactCard).min(1);
export type ContactsContent = z.infer<typeof ContactsContent>;

/** `emoji: ""` removes a reaction, so the empty string is valid. */
export const ReactionContent = z.strictObject({
  message_id: z.string().min(1),
  emoji: z.string(),
});
export type ReactionContent = z.infer<typeof ReactionContent>;
