import { z } from "zod";
import { SendMessageRequest, type TemplateContent } from "../../graph/index.js";
import { AppError } from "../../platform/errors/index.js";

export const MESSAGE_TYPES = [
  "text",
  "template",
  "image",
  "video",
  "document",
  "audio",
  "sticker",
  "interactive",
  "reaction",
  "location",
  "contacts",
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** Our template object: Meta's, plus `parameters` as a shorthand for the body's text parameters. */
export const TemplateInput = z.object({
  name: z.string().min(1).max(512),
  language: z.union([z.string().min(2), z.object({ code: z.string().min(2) })]),
  components: z.array(z.unknown()).optional(),
  parameters: z
    .union([z.array(z.union([z.string(), z.number()])), z.record(z.string(), z.union([z.string(), z.number()]))])
    .optional(),
});
export type TemplateInput = z.infer<typeof TemplateInput>;

/** E.164 digits (the WhatsApp id form), from `+15551234567`, `15551234567` or `+1 555-123-4567`. */
export function normalizeRecipient(to: string): string | null {
  const digits = to.replace(/[\s().-]/g, "").replace(/^\+/, "");
  return /^[1-9]\d{6,14}$/.test(digits) ? digits : null;
}

export function templateContent(t: TemplateInput): TemplateContent {
  const code = typeof t.language === "string" ? t.language : t.language.code;
  const components = [...((t.components ?? []) as TemplateContent["components"] & object)];
  if (t.parameters !== undefined) {
    const params = Array.isArray(t.parameters)
      ? t.parameters.map((v) => ({ type: "text" as const, text: String(v) }))
      : Object.entries(t.parameters).map(([name, v]) => ({
          type: "text" as const,
          parameter_name: name,
          text: String(v),
        }));
    if (params.length > 0) components.push({ type: "body", parameters: params } as never);
  }
  return { name: t.name, language: { code }, ...(components.length > 0 ? { components } : {}) };
}

/**
 * Our API body to Meta's send body, checked with the same strict schema the Graph client and the
 * emulator use, so a message Meta would bounce for its shape is refused here with the field named.
 */
export function buildMetaMessage(input: {
  to: string;
  type: MessageType;
  payload: unknown;
  contextWamid?: string | null;
}): SendMessageRequest {
  const waId = normalizeRecipient(input.to);
  if (!waId)
    throw new AppError(
      "VALIDATION_FAILED",
      `to: "${input.to.slice(0, 32)}" is not a phone number in international (E.164) form, e.g. +15551234567.`,
      { details: [{ field: "to", message: "must be E.164" }] },
    );
  if (input.payload === undefined)
    throw new AppError("VALIDATION_FAILED", `${input.type}: required for a message of type "${input.type}".`, {
      details: [{ field: input.type, message: "required" }],
    });
  const payload = input.type === "template" ? templateContent(TemplateInput.parse(input.payload)) : input.payload;
  const candidate = {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    to: `+${waId}`,
    type: input.type,
    [input.type]: payload,
    ...(input.contextWamid ? { context: { message_id: input.contextWamid } } : {}),
  };
  const parsed = SendMessageRequest.safeParse(candidate);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ field: i.path.join(".") || input.type, message: i.message }));
    throw new AppError(
      "VALIDATION_FAILED",
      `The message is not valid: ${details.map((d) => `${d.field}: ${d.message}`).join("; ")}.`,
      { details },
    );
  }
  return parsed.data;
}

/** Counts of the parameters a send gives per component, to compare with the template's. */
export function givenParameterCounts(content: TemplateContent): {
  header: number;
  body: number;
  buttons: Map<number, number>;
} {
  const out = { header: 0, body: 0, buttons: new Map<number, number>() };
  for (const c of content.components ?? []) {
    if (c.type === "header") out.header = c.parameters.length;
    else if (c.type === "body") out.body = c.parameters.length;
    else out.buttons.set(Number(c.index), c.parameters.length);
  }
  return out;
}
