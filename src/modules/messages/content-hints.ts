/** The smallest right object per type: shown when a message gives a string (or a wrong kind) instead. */
// Keyed by every message type (build-meta-message.ts indexes it by MessageType, so a missing one fails to compile).
export const CONTENT_HINTS = {
  text: { body: "hello" },
  template: { name: "order_update", language: "en_US", parameters: ["Ana"] },
  image: { id: "<media id from POST /v1/media>", caption: "optional" },
  video: { id: "<media id from POST /v1/media>", caption: "optional" },
  document: { link: "https://example.com/invoice.pdf", filename: "invoice.pdf" },
  audio: { id: "<media id from POST /v1/media>" },
  sticker: { id: "<media id from POST /v1/media>" },
  interactive: {
    type: "button",
    body: { text: "Confirm?" },
    action: { buttons: [{ type: "reply", reply: { id: "yes", title: "Yes" } }] },
  },
  reaction: { message_id: "wamid.HBgL...", emoji: "👍" },
  location: { latitude: 38.7223, longitude: -9.1393 },
  contacts: [{ name: { formatted_name: "Ana Lima" }, phones: [{ phone: "+5511999990000" }] }],
} satisfies Record<string, unknown>;
