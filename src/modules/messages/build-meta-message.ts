import { z } from "zod";
import { SendMessageRequest, type TemplateContent } from "../../channels/index.js";
import { AppError } from "../../platform/errors/index.js";
import { CONTENT_HINTS } from "./content-hints.js";

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

/**
 * A customer's business-scoped user id (BSUID, Meta 2026): two-letter country, a period, up to 128
 * alphanumerics; a parent BSUID has `ENT.` after the country (`US.ENT.118...`).
 */
export const BSUID_PATTERN = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;
export const isBsuid = (id: string): boolean => BSUID_PATTERN.test(id);

/**
 * The customer's key: E.164 digits (the WhatsApp id form) from `+15551234567`, `15551234567` or
 * `+1 555-123-4567`, or a BSUID as given, for a customer whose phone Meta withholds.
 */
export function normalizeRecipient(to: string): string | null {
  if (isBsuid(to)) return to;
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
      `to: "${input.to.slice(0, 32)}" is not a phone number in international (E.164) form, e.g. +15551234567, nor a customer's business-scoped user id (US.1349...).`,
      { details: [{ field: "to", message: "must be E.164 or a BSUID" }] },
    );
  if (input.payload === undefined)
    throw new AppError("VALIDATION_FAILED", `${input.type}: required for a message of type "${input.type}".`, {
      details: [{ field: input.type, message: "required" }],
    });
  const wantsList = input.type === "contacts";
  if (typeof input.payload !== "object" || input.payload === null || Array.isArray(input.payload) !== wantsList) {
    const given =
      input.payload === null ? "null" : Array.isArray(input.payload) ? "a list" : `a ${typeof input.payload}`;
    throw new AppError(
      "VALIDATION_FAILED",
      `${input.type}: expected ${wantsList ? "a list" : "an object"} like ${JSON.stringify({ [input.type]: CONTENT_HINTS[input.type] })}, not ${given}.`,
      { details: [{ field: input.type, message: `expected ${JSON.stringify(CONTENT_HINTS[input.type])}` }] },
    );
  }
  const template = input.type === "template" ? TemplateInput.safeParse(input.payload) : null;
  if (template && !template.success) throw invalid(template.error.issues, "template", ["template"]);
  const payload = template?.success ? templateContent(template.data) : input.payload;
  const candidate = {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    // A customer known only by BSUID is reached with `recipient` (Meta, "Business-scoped user IDs").
    ...(isBsuid(waId) ? { recipient: waId } : { to: `+${waId}` }),
    type: input.type,
    [input.type]: payload,
    ...(input.contextWamid ? { context: { message_id: input.contextWamid } } : {}),
  };
  const parsed = SendMessageRequest.safeParse(candidate);
  if (!parsed.success) throw invalid(parsed.error.issues, input.type);
  return parsed.data;
}

function invalid(issues: z.core.$ZodIssue[], type: string, prefix: PropertyKey[] = []): AppError {
  const details = issues.map((i) => ({ field: [...prefix, ...i.path].join(".") || type, message: i.message }));
  return new AppError(
    "VALIDATION_FAILED",
    `The message is not valid: ${details.map((d) => `${d.field}: ${d.message}`).join("; ")}.`,
    { details },
  );
}

/** Parameter counts of the message's own header, body and buttons, or of one carousel card's. */
export interface GivenPart {
  header: number;
  body: number;
  buttons: Map<number, number>;
  /** The `sub_type` given for each button index, lower-case. */
  buttonSubTypes: Map<number, string>;
}

/** Counts of the parameters a send gives per component, to compare with the template's. */
export function givenParameterCounts(content: TemplateContent): GivenPart & {
  offer: number;
  cards: Map<number, GivenPart> | null;
} {
  const out = { ...givenPart(content.components ?? []), offer: 0, cards: null as Map<number, GivenPart> | null };
  for (const c of content.components ?? []) {
    if (c.type === "limited_time_offer") out.offer = c.parameters.length;
    else if (c.type === "carousel")
      out.cards = new Map(c.cards.map((card) => [card.card_index, givenPart(card.components)]));
  }
  return out;
}

function givenPart(
  components: readonly { type: string; parameters?: unknown[]; index?: string | number; sub_type?: string }[],
): GivenPart {
  const out = { header: 0, body: 0, buttons: new Map<number, number>(), buttonSubTypes: new Map<number, string>() };
  for (const c of components) {
    const n = c.parameters?.length ?? 0;
    if (c.type === "header") out.header = n;
    else if (c.type === "body") out.body = n;
    else if (c.type === "button") {
      out.buttons.set(Number(c.index), n);
      if (c.sub_type !== undefined) out.buttonSubTypes.set(Number(c.index), c.sub_type.toLowerCase());
    }
  }
  return out;
}
