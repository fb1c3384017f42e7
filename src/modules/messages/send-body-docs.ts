import { z } from "zod";
import {
  SendAudioMessage,
  SendContactsMessage,
  SendDocumentMessage,
  SendImageMessage,
  SendInteractiveMessage,
  SendLocationMessage,
  SendReactionMessage,
  SendStickerMessage,
  SendTextMessage,
  SendVideoMessage,
} from "../../channels/index.js";
import { TemplateInput, type MessageType } from "./build-meta-message.js";

/**
 * `POST /v1/messages` as /docs shows it: one shape per `type`, each with its own object (Meta's,
 * checked by `buildMetaMessage` with the same schemas) and a worked example. The route itself
 * takes the looser envelope and lets `buildMetaMessage` name the wrong field in Meta's terms.
 */
const CONTENT: Record<MessageType, z.ZodType> = {
  text: SendTextMessage.shape.text,
  template: TemplateInput,
  image: SendImageMessage.shape.image,
  video: SendVideoMessage.shape.video,
  document: SendDocumentMessage.shape.document,
  audio: SendAudioMessage.shape.audio,
  sticker: SendStickerMessage.shape.sticker,
  interactive: SendInteractiveMessage.shape.interactive,
  reaction: SendReactionMessage.shape.reaction,
  location: SendLocationMessage.shape.location,
  contacts: SendContactsMessage.shape.contacts,
};

const FROM = "pn_01jq3v9x7k2m4n6p8r0s2t4v6w";
const TO = "+15551234567";

/** One documented example per type: each is a message Wharf accepts (send-body-docs.test.ts). */
export const SEND_EXAMPLES: Record<MessageType, { summary: string; value: Record<string, unknown> }> = {
  text: {
    summary: "Text (inside the 24-hour window)",
    value: { from: FROM, to: TO, type: "text", text: { body: "Your order has shipped.", preview_url: false } },
  },
  template: {
    summary: "Approved template; `parameters` fill the body in order (or by name)",
    value: {
      from: FROM,
      to: TO,
      type: "template",
      template: { name: "order_update", language: "en_US", parameters: ["Ana", "#1042"] },
    },
  },
  image: {
    summary: "Image uploaded with POST /v1/media",
    value: { from: FROM, to: TO, type: "image", image: { id: "1013859600285441", caption: "Your receipt" } },
  },
  video: {
    summary: "Video by public HTTPS link",
    value: { from: FROM, to: TO, type: "video", video: { link: "https://example.com/setup.mp4", caption: "Setup" } },
  },
  document: {
    summary: "Document with the file name the customer sees",
    value: {
      from: FROM,
      to: TO,
      type: "document",
      document: { link: "https://example.com/invoice-1042.pdf", filename: "invoice-1042.pdf" },
    },
  },
  audio: {
    summary: "Audio (no caption)",
    value: { from: FROM, to: TO, type: "audio", audio: { id: "1166846181421424" } },
  },
  sticker: {
    summary: "Sticker (WebP)",
    value: { from: FROM, to: TO, type: "sticker", sticker: { id: "798882015472548" } },
  },
  interactive: {
    summary: "Reply buttons (up to 3)",
    value: {
      from: FROM,
      to: TO,
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: "Confirm your booking for Friday at 10:00?" },
        action: {
          buttons: [
            { type: "reply", reply: { id: "confirm", title: "Confirm" } },
            { type: "reply", reply: { id: "reschedule", title: "Reschedule" } },
          ],
        },
      },
    },
  },
  reaction: {
    summary: "React to a customer's message (an empty emoji removes the reaction)",
    value: {
      from: FROM,
      to: TO,
      type: "reaction",
      reaction: { message_id: "wamid.HBgLMTU1NTEyMzQ1NjcVAgASGBQzQUZCMTc3RjA0", emoji: "👍" },
    },
  },
  location: {
    summary: "A place on the map",
    value: {
      from: FROM,
      to: TO,
      type: "location",
      location: { latitude: 38.7223, longitude: -9.1393, name: "Wharf Café", address: "Rua Augusta 1, Lisboa" },
    },
  },
  contacts: {
    summary: "A contact card",
    value: {
      from: FROM,
      to: TO,
      type: "contacts",
      contacts: [
        {
          name: { formatted_name: "Ana Lima", first_name: "Ana" },
          phones: [{ phone: "+5511999990000", type: "CELL" }],
        },
      ],
    },
  },
};

/** The fields every send body has besides its content: POST /v1/messages validates with these too. */
export const SEND_ENVELOPE = {
  from: z.string().min(1).describe("our phone-number id (pn_...) or Meta's phone number id"),
  to: z
    .string()
    .min(1)
    .max(140)
    .describe("the customer's phone (E.164), or their business-scoped user id when Meta withholds the phone"),
  replyTo: z.string().min(1).optional().describe("our message id (msg_...) or Meta's wamid to quote"),
};

function sendBodyJsonSchema(fields: Partial<typeof SEND_ENVELOPE> = SEND_ENVELOPE): Record<string, unknown> {
  const branches = (Object.keys(CONTENT) as MessageType[]).map((type) =>
    z.object({ ...fields, type: z.literal(type), [type]: CONTENT[type] }).describe(SEND_EXAMPLES[type].summary),
  );
  const union = z.discriminatedUnion("type", branches as unknown as [z.ZodObject, z.ZodObject, ...z.ZodObject[]]);
  const { $schema: _, ...schema } = z.toJSONSchema(union, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
  }) as Record<string, unknown>;
  return {
    ...schema,
    discriminator: { propertyName: "type" },
    "x-examples": Object.fromEntries(
      Object.entries(SEND_EXAMPLES).map(([type, example]) => {
        const { from: _from, to: _to, ...reply } = example.value;
        return [type, fields.from ? example : { ...example, value: reply }];
      }),
    ),
  };
}

/** `config.docs.body` of POST /v1/messages. */
export const SEND_BODY_DOCS = {
  contentType: "application/json",
  schema: sendBodyJsonSchema(),
  description: "One object per `type`, named after it: `text: {body}`, `image: {id | link, caption?}` ...",
};

/** `config.docs.body` of POST /v1/conversations/{id}/messages: the same objects, without from/to. */
export const REPLY_BODY_DOCS = {
  contentType: "application/json",
  schema: sendBodyJsonSchema({ replyTo: SEND_ENVELOPE.replyTo }),
  description: "POST /v1/messages' body without from/to: one object per `type`, named after it",
};
