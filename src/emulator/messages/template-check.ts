import { BUTTON_SUB_TYPE, type TemplateContent, type TemplateParameter } from "../../graph/index.js";
import type { EmulatorState } from "../state/emulator-state.js";
import type { TemplateRecord } from "../state/content-model.js";
import { expectedParams, type ExpectedParams } from "../templates/template-variables.js";
import { sendErrors } from "./message-errors.js";

const SENDABLE = new Set(["APPROVED", "PAUSED", "DISABLED"]);

/**
 * A template send must name an approved template of the number's WABA in that language
 * (132001, HTTP 404); paused and disabled templates refuse sends (132015, 132016); and each
 * component must carry as many parameters as the definition has variables (132000), with a
 * media header getting a parameter of the header's format (132012).
 */
export function checkTemplateSend(state: EmulatorState, wabaId: string, content: TemplateContent): TemplateRecord {
  const template = [...state.templates.values()].find(
    (t) =>
      t.wabaId === wabaId && t.name === content.name && t.language === content.language.code && SENDABLE.has(t.status),
  );
  if (!template) throw sendErrors.templateMissing(content.name, content.language.code);
  if (template.status === "PAUSED" || template.status === "DISABLED")
    throw sendErrors.templateStopped(template.name, template.status);

  const expected = expectedParams(template);
  const sent = content.components ?? [];
  checkComponents("", expected, sent, template.parameterFormat);
  checkButtonKinds(template, sent);

  // Meta, "Limited-time offer templates" (sending): the expiry goes in a limited_time_offer
  // component when the template has has_expiration, and is omitted otherwise.
  const offer = sent.flatMap((c) => (c.type === "limited_time_offer" ? c.parameters : []));
  if (offer.length !== (expected.offerExpiration ? 1 : 0))
    throw sendErrors.templateParamCount("limited_time_offer", offer.length, expected.offerExpiration ? 1 : 0);
  if (offer[0] && offer[0].type !== "limited_time_offer")
    throw sendErrors.templateParamFormat("limited_time_offer", "LIMITED_TIME_OFFER", offer[0].type.toUpperCase());

  // Meta, "Sending media card carousel templates": a card for every card of the template, by
  // card_index, each with its own header, body and button parameters.
  const carousel = sent.find((c) => c.type === "carousel");
  const wantedCards = expected.cards?.length ?? 0;
  const cards = carousel?.type === "carousel" ? carousel.cards : [];
  if (cards.length !== wantedCards) throw sendErrors.templateParamCount("carousel cards", cards.length, wantedCards);
  const indexes = new Set(cards.map((card) => card.card_index));
  if (indexes.size !== cards.length || cards.some((card) => card.card_index >= wantedCards))
    throw sendErrors.templateParamCount("carousel card_index", indexes.size, wantedCards);
  for (const card of cards)
    checkComponents(
      `card[${card.card_index}].`,
      expected.cards![card.card_index]!,
      card.components,
      template.parameterFormat,
    );
  return template;
}

type SentComponent = { type: string; parameters?: TemplateParameter[]; index?: string | number };

/** The header, body and button parameters of the message, or of one carousel card. */
function checkComponents(
  where: string,
  expected: Pick<ExpectedParams, "header" | "body" | "buttons">,
  sent: readonly SentComponent[],
  format: "POSITIONAL" | "NAMED",
): void {
  const params = (type: string) => sent.filter((c) => c.type === type).flatMap((c) => c.parameters ?? []);

  const headerParams = params("header");
  if (expected.header && expected.header.format !== "TEXT") {
    const wanted = expected.header.format.toLowerCase();
    const got = headerParams[0]?.type ?? "NONE";
    if (headerParams.length !== 1 || got !== wanted) {
      throw sendErrors.templateParamFormat(`${where}header`, expected.header.format, got.toUpperCase());
    }
  } else {
    const wanted = expected.header?.variables.length ?? 0;
    if (headerParams.length !== wanted)
      throw sendErrors.templateParamCount(`${where}header`, headerParams.length, wanted);
  }

  const bodyParams = params("body");
  if (bodyParams.length !== expected.body.length) {
    throw sendErrors.templateParamCount(`${where}body`, bodyParams.length, expected.body.length);
  }
  if (format === "NAMED") {
    const names = bodyParams.map((p) => ("parameter_name" in p ? p.parameter_name : undefined));
    const missing = expected.body.find((name) => !names.includes(name));
    if (missing) throw sendErrors.templateParamMissing(`${where}body`, missing);
  }

  for (const button of expected.buttons) {
    const component = sent.find((c) => c.type === "button" && Number(c.index) === button.index);
    const got = component?.parameters?.length ?? 0;
    if (got !== button.needs) throw sendErrors.templateParamCount(`${where}button[${button.index}]`, got, button.needs);
  }
}

/**
 * A `button` component must name its button's kind: `url` for a URL button, `quick_reply` for a
 * quick reply, `copy_code` for a coupon code (Meta, "Send message templates"); otherwise Meta
 * answers 132012, the parameter format does not match the template's.
 */
function checkButtonKinds(template: TemplateRecord, sent: NonNullable<TemplateContent["components"]>): void {
  const defined = (template.components.find((c) => c["type"] === "BUTTONS")?.["buttons"] ?? []) as Record<
    string,
    unknown
  >[];
  for (const c of sent) {
    if (c.type !== "button") continue;
    const kind = defined[Number(c.index)]?.["type"];
    const wanted = typeof kind === "string" ? BUTTON_SUB_TYPE[kind] : undefined;
    if (wanted !== undefined && wanted !== c.sub_type.toLowerCase())
      throw sendErrors.templateParamFormat(`button[${c.index}]`, wanted.toUpperCase(), c.sub_type.toUpperCase());
  }
}
