/**
 * The WhatsApp Cloud API wire format: message bodies, templates, phone numbers, media, catalog
 * items and webhook payloads, as Meta defines them. It is the port's vocabulary because every
 * provider Wharf speaks to carries the same JSON (360dialog's Cloud API proxies Meta's bodies and
 * webhooks unchanged); only transport, auth and error envelopes differ, and those stay inside each
 * adapter. The schemas live in `src/graph/` (which the emulator also validates with); modules reach
 * them only through this file, never through `graph/` (`.dependency-cruiser.cjs`, modules-use-the-port).
 */
export * from "../graph/wire/common.js";
export * from "../graph/wire/message-content.js";
export * from "../graph/wire/interactive.js";
export * from "../graph/wire/template-send.js";
export * from "../graph/wire/send-message.js";
export * from "../graph/wire/phone-number.js";
export * from "../graph/wire/waba.js";
export * from "../graph/wire/template.js";
export * from "../graph/wire/media.js";
export * from "../graph/wire/upload-session.js";
export * from "../graph/wire/catalog.js";

export * from "../graph/webhooks/webhook-error.js";
export * from "../graph/webhooks/inbound-message.js";
export * from "../graph/webhooks/message-status.js";
export * from "../graph/webhooks/messages-value.js";
export * from "../graph/webhooks/account-events.js";
export * from "../graph/webhooks/envelope.js";
