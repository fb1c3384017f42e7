import { checkText, type RuleContext } from "./rule-context.js";
import { isObject } from "./template-variables.js";
import { validateButtons } from "./validate-buttons.js";
import { validateBody, validateHeader } from "./validate-components.js";

type Component = Record<string, unknown>;

const upper = (v: unknown) => (typeof v === "string" ? v.toUpperCase() : "");
const CARD_HEADERS = ["IMAGE", "VIDEO"];
const CARD_BUTTONS = ["QUICK_REPLY", "URL", "PHONE_NUMBER"];

/**
 * A CAROUSEL component (Meta, "Media card carousel templates"): 2 to 10 cards, each with an IMAGE
 * or VIDEO header (a sample handle), an optional body of at most 160 characters and at most two
 * quick-reply, URL or phone-number buttons; "all cards defined on a template must have the same
 * components": the same header format, a body on every card or on none, the same buttons in order.
 * The rules on the rest of the template (MARKETING, no message header, footer or buttons) are
 * `carouselTemplateIssues`.
 */
export function validateCarousel(c: Component, at: string, ctx: RuleContext): void {
  const cards = c["cards"];
  if (!Array.isArray(cards) || cards.length < 2 || cards.length > 10)
    return ctx.issue(`${at}.cards`, "A carousel has 2 to 10 cards.");
  const shapes = cards.map((card, i) => {
    const where = `${at}.cards.${i}`;
    const parts = isObject(card) && Array.isArray(card["components"]) ? (card["components"] as unknown[]) : null;
    if (!parts) {
      ctx.issue(`${where}.components`, "Each card has components: a HEADER, an optional BODY and BUTTONS.");
      return "";
    }
    const kinds: string[] = [];
    parts.forEach((part, j) => {
      const field = `${where}.components.${j}`;
      const type = isObject(part) ? upper(part["type"]) : "";
      if (!isObject(part) || !["HEADER", "BODY", "BUTTONS"].includes(type))
        return ctx.issue(`${field}.type`, "A card's components are HEADER, BODY and BUTTONS.");
      if (kinds.some((k) => k.startsWith(type))) return ctx.issue(field, `A card has one ${type}.`);
      if (type === "HEADER") {
        const format = upper(part["format"]);
        if (!CARD_HEADERS.includes(format)) ctx.issue(`${field}.format`, "A card's header is an IMAGE or a VIDEO.");
        else validateHeader(part, field, ctx);
        kinds.push(`HEADER:${format}`);
      } else if (type === "BODY") {
        validateBody(part, field, ctx, 160);
        kinds.push("BODY");
      } else {
        const buttons = Array.isArray(part["buttons"]) ? (part["buttons"] as unknown[]) : [];
        const types = buttons.map((b) => (isObject(b) ? upper(b["type"]) : ""));
        if (buttons.length > 2 || types.some((t) => !CARD_BUTTONS.includes(t)))
          ctx.issue(`${field}.buttons`, `A card has 1 or 2 buttons: ${CARD_BUTTONS.join(", ")}.`);
        else validateButtons(part, field, ctx);
        kinds.push(`BUTTONS:${types.join(",")}`);
      }
    });
    if (!kinds.some((k) => k.startsWith("HEADER")))
      ctx.issue(`${where}.components`, "Each card needs an IMAGE or VIDEO header.");
    return kinds.sort().join("|");
  });
  if (new Set(shapes).size > 1)
    ctx.issue(
      `${at}.cards`,
      "All cards must have the same components: the same header format, a body on all or none, the same buttons in the same order.",
    );
}

/** A LIMITED_TIME_OFFER component: the offer text, at most 16 characters, and an optional has_expiration. */
export function validateLimitedTimeOffer(c: Component, at: string, ctx: RuleContext): void {
  const offer = c["limited_time_offer"];
  if (!isObject(offer)) return ctx.issue(`${at}.limited_time_offer`, "Give {text, has_expiration}.");
  checkText(ctx, `${at}.limited_time_offer.text`, offer["text"], 16, "The offer text");
  if (offer["has_expiration"] !== undefined && typeof offer["has_expiration"] !== "boolean")
    ctx.issue(`${at}.limited_time_offer.has_expiration`, "Must be true or false.");
}

/** Where each component type sits in the template, by its upper-case type. */
export type ComponentIndex = ReadonlyMap<string, number>;

/** Meta, "Media card carousel templates": MARKETING only; the message itself is only a BODY and the cards. */
export function carouselTemplateIssues(seen: ComponentIndex, ctx: RuleContext): void {
  const at = `components.${seen.get("CAROUSEL")}`;
  if (ctx.category !== "MARKETING") ctx.issue(at, "Carousel templates belong to the MARKETING category.");
  for (const type of ["HEADER", "FOOTER", "BUTTONS", "LIMITED_TIME_OFFER"])
    if (seen.has(type))
      ctx.issue(`components.${seen.get(type)}`, `A carousel template has no ${type} of its own; put it on the cards.`);
}

/**
 * Meta, "Limited-time offer templates": MARKETING only; no footer; an optional IMAGE or VIDEO
 * header; a body of at most 600 characters; a URL button always; a copy-code button, if any,
 * first, and required when the offer has_expiration.
 */
export function limitedTimeOfferIssues(components: Component[], seen: ComponentIndex, ctx: RuleContext): void {
  const at = (type: string) => `components.${seen.get(type)}`;
  if (ctx.category !== "MARKETING")
    ctx.issue(at("LIMITED_TIME_OFFER"), "Limited-time offers belong to the MARKETING category.");
  if (seen.has("FOOTER")) ctx.issue(at("FOOTER"), "Limited-time offer templates have no footer.");
  if (seen.has("HEADER") && !CARD_HEADERS.includes(upper(components[seen.get("HEADER")!]!["format"])))
    ctx.issue(`${at("HEADER")}.format`, "A limited-time offer's header is an IMAGE or a VIDEO.");
  const body = seen.has("BODY") ? components[seen.get("BODY")!]!["text"] : undefined;
  if (typeof body === "string" && body.length > 600)
    ctx.issue(`${at("BODY")}.text`, `Body text has ${body.length} characters; a limited-time offer allows 600.`);
  const buttons = seen.has("BUTTONS") ? components[seen.get("BUTTONS")!]!["buttons"] : undefined;
  const types = Array.isArray(buttons) ? buttons.map((b) => (isObject(b) ? upper(b["type"]) : "")) : [];
  const field = seen.has("BUTTONS") ? `${at("BUTTONS")}.buttons` : "components";
  if (!types.includes("URL")) ctx.issue(field, "A limited-time offer needs a URL button.");
  const copyAt = types.indexOf("COPY_CODE");
  if (copyAt > 0) ctx.issue(field, "The copy-code button comes first.");
  const offer = components[seen.get("LIMITED_TIME_OFFER")!]!["limited_time_offer"];
  if (isObject(offer) && offer["has_expiration"] === true && copyAt !== 0)
    ctx.issue(field, "An offer with has_expiration needs a copy-code button, first.");
}
