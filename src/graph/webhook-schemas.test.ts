import { describe, expect, it } from "vitest";
import { expectOpenApiValid, openApiExamples, validateOpenApiWebhook } from "../../test/support/openapi.js";
import {
  DOCUMENTED_WEBHOOKS,
  type DocumentedWebhookName,
  envelope,
  inbound,
  status,
} from "./fixtures/webhook-samples.js";
import {
  KnownInboundMessage,
  type MessagesValue,
  OtherInboundMessage,
  WebhookPayload,
  isHandledChange,
} from "./index.js";
import { expectOnlyGap } from "../../test/support/graph/conformance.js";

const META_EXAMPLES = openApiExamples("POST", "/whatsapp/webhooks", "request");

function messagesValue(payload: unknown): MessagesValue {
  const change = WebhookPayload.parse(payload).entry[0]!.changes[0]!;
  if (!isHandledChange(change) || change.field !== "messages") throw new Error("not a messages change");
  return change.value;
}

describe("Meta's own webhook examples (from the OpenAPI file)", () => {
  it("are all accepted, and every inbound message parses as its known type", () => {
    expect(Object.keys(META_EXAMPLES).length).toBe(16);
    const types = new Set<string>();
    for (const [name, body] of Object.entries(META_EXAMPLES)) {
      const parsed = WebhookPayload.safeParse(body);
      expect(parsed.success, `${name}: ${parsed.error?.message}`).toBe(true);
      if (name.startsWith("Group")) continue;
      for (const message of messagesValue(body).messages ?? []) {
        expect(KnownInboundMessage.safeParse(message).success, name).toBe(true);
        types.add(message.type);
      }
    }
    expect([...types].sort()).toEqual([
      "button",
      "contacts",
      "image",
      "interactive",
      "location",
      "order",
      "reaction",
      "system",
      "text",
      "unsupported",
    ]);
  });
});

/** Where the file's webhook schema is narrower than Meta's documented payloads. */
const OPENAPI_GAPS: Partial<Record<DocumentedWebhookName, { why: string; require: RegExp[] }>> = {
  "flow reply (nfm_reply)": {
    why: "interactive reply types in the file: list_reply and button_reply only",
    require: [/\/interactive\/type: must be equal to one of/],
  },
  "forwarded text": {
    why: "the file's ContextObject requires from, id and referred_product",
    require: [/\/context: must have required property 'referred_product'/],
  },
  "reaction removed": {
    why: "Meta omits emoji when a reaction is removed; the file requires it",
    require: [/\/reaction: must have required property 'emoji'/],
  },
  "value-level errors only": {
    why: "the file has no value variant carrying only errors",
    require: [/\/value: must have required property 'statuses'/],
  },
};

describe("documented payloads for every field Wharf handles", () => {
  for (const [name, body] of Object.entries(DOCUMENTED_WEBHOOKS) as [DocumentedWebhookName, unknown][]) {
    it(name, () => {
      const parsed = WebhookPayload.safeParse(body);
      expect(parsed.success, parsed.error?.message).toBe(true);
      const change = parsed.data!.entry[0]!.changes[0]!;
      expect(isHandledChange(change)).toBe(true);

      const oas = validateOpenApiWebhook(body);
      if (change.field !== "messages") {
        // Only `messages` (and group fields) are in the file's Change.field enum.
        expect(oas).toMatchObject({ ok: false, undocumented: true });
        return;
      }
      const gap = OPENAPI_GAPS[name];
      if (gap) expectOnlyGap(oas, { ...gap, allow: [/^\/entry\/0\/changes\/0\/value/] });
      else expectOpenApiValid(oas, name);
    });
  }
});

describe("Meta adds fields: unknown extras are kept, not rejected", () => {
  it("at every level", () => {
    const body = inbound({ type: "text", text: { body: "hi", new_flag: true }, brand_new: { x: 1 } }) as Record<
      string,
      unknown
    >;
    body.extra_top = "x";
    const message = messagesValue(body).messages![0] as Record<string, unknown>;
    expect(message.brand_new).toEqual({ x: 1 });
    expect((message.text as Record<string, unknown>).new_flag).toBe(true);
    const s = messagesValue(
      status({ status: "delivered", recipient_user_id: "US.123", pricing: { billable: false, new_pricing_field: 1 } }),
    ).statuses![0]!;
    expect(s).toMatchObject({ recipient_user_id: "US.123", pricing: { new_pricing_field: 1 } });
  });

  it("a message type added after this schema parses with its base fields", () => {
    const message = messagesValue(inbound({ type: "request_welcome" })).messages![0]!;
    expect(message.type).toBe("request_welcome");
    expect(OtherInboundMessage.safeParse(message).success).toBe(true);
  });

  it("a webhook field Wharf does not handle passes through untouched", () => {
    const parsed = WebhookPayload.parse(envelope("user_preferences", { anything: [1, 2] }));
    const change = parsed.entry[0]!.changes[0]!;
    expect(isHandledChange(change)).toBe(false);
    expect(change.value).toEqual({ anything: [1, 2] });
  });
});

describe("wrong types on the fields Wharf reads are rejected", () => {
  const bad: [string, unknown][] = [
    ["object is not whatsapp_business_account", { ...envelope("messages", {}), object: "page" }],
    ["text.body is a number", inbound({ type: "text", text: { body: 42 } })],
    ["timestamp is a number", inbound({ type: "text", text: { body: "x" }, timestamp: 1749416383 })],
    ["image without its media id", inbound({ type: "image", image: { mime_type: "image/jpeg" } })],
    [
      "interactive with an unknown reply shape",
      inbound({ type: "interactive", interactive: { type: "button_reply", button_reply: { id: 1 } } }),
    ],
    ["location latitude as a string", inbound({ type: "location", location: { latitude: "12.2", longitude: 43.9 } })],
    [
      "metadata without phone_number_id",
      envelope("messages", { messaging_product: "whatsapp", metadata: { display_phone_number: "1" } }),
    ],
    ["status is a number", status({ status: 3 })],
    ["status errors[].code is a string", status({ status: "failed", errors: [{ code: "131026" }] })],
    [
      "template id is not numeric",
      envelope("message_template_status_update", {
        event: "APPROVED",
        message_template_id: "abc",
        message_template_name: "n",
        message_template_language: "en_US",
      }),
    ],
    ["account_update without event", envelope("account_update", { waba_info: { waba_id: "1" } })],
    [
      "phone quality event is a number",
      envelope("phone_number_quality_update", { display_phone_number: "1", event: 7 }),
    ],
    ["entry.changes missing", { object: "whatsapp_business_account", entry: [{ id: "1" }] }],
  ];
  for (const [name, body] of bad) {
    it(name, () => {
      expect(WebhookPayload.safeParse(body).success).toBe(false);
    });
  }

  it("a known message type with a malformed body is not smuggled through the unknown-type fallback", () => {
    expect(OtherInboundMessage.safeParse({ from: "1", id: "w", timestamp: "1", type: "text" }).success).toBe(false);
  });
});
