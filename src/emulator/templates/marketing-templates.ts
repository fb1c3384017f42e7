import { templateErrors } from "./template-errors.js";

type Component = Record<string, unknown>;

const ofType = (components: Component[], type: string) => components.find((c) => c["type"] === type);
const buttonsOf = (components: Component[]) => (ofType(components, "BUTTONS")?.["buttons"] ?? []) as Component[];
const CARD_BUTTONS = ["QUICK_REPLY", "URL", "PHONE_NUMBER"];

/**
 * Meta, "Media card carousel templates": MARKETING only; the message is a BODY plus a CAROUSEL
 * of 2 to 10 cards (no message header, footer or buttons); each card has an IMAGE or VIDEO
 * header with a sample handle, an optional body of at most 160 characters and at most two
 * quick-reply, URL or phone-number buttons; "all cards defined on a template must have the same
 * components" (same header format, a body on every card or none, the same buttons in order).
 * Card texts are checked like the message body by `checkCardBody`.
 */
export function validateCarousel(
  category: string,
  components: Component[],
  checkMedia: (where: string, header: Component) => void,
  checkCardBody: (where: string, body: Component) => void,
): void {
  if (category !== "MARKETING") throw templateErrors.invalid("Carousel templates must be in the MARKETING category.");
  for (const type of ["HEADER", "FOOTER", "BUTTONS", "LIMITED_TIME_OFFER"])
    if (ofType(components, type))
      throw templateErrors.formatError(`A carousel template has no message-level ${type} component.`);
  const cards = (ofType(components, "CAROUSEL")?.["cards"] ?? []) as Component[];
  if (cards.length < 2 || cards.length > 10) throw templateErrors.formatError("A carousel has 2 to 10 cards.");
  const shapes = cards.map((card, i) => {
    const where = `CAROUSEL card ${i}`;
    const parts = (card["components"] ?? []) as Component[];
    const header = ofType(parts, "HEADER");
    const format = typeof header?.["format"] === "string" ? header["format"] : "";
    if (!header || !["IMAGE", "VIDEO"].includes(format))
      throw templateErrors.formatError(`${where}: each card needs an IMAGE or VIDEO header.`);
    checkMedia(where, header);
    const body = ofType(parts, "BODY");
    if (body) checkCardBody(where, body);
    const buttons = buttonsOf(parts).map((b) => String(b["type"]));
    if (buttons.length > 2 || buttons.some((t) => !CARD_BUTTONS.includes(t)))
      throw templateErrors.formatError(`${where}: at most 2 buttons, of kinds ${CARD_BUTTONS.join(", ")}.`);
    return `${format}|${body ? "BODY" : ""}|${buttons.join(",")}`;
  });
  if (new Set(shapes).size > 1)
    throw templateErrors.formatError("All cards of a carousel must have the same components (header, body, buttons).");
}

/**
 * Meta, "Limited-time offer templates": MARKETING only, no footer; an optional IMAGE or VIDEO
 * header; the offer text (at most 16 characters; the schema checks it); a body of at most 600
 * characters; a URL button is always required; a copy-code button, when there is one, comes
 * first, and `has_expiration: true` requires it.
 */
export function validateLimitedTimeOffer(category: string, components: Component[]): void {
  if (category !== "MARKETING")
    throw templateErrors.invalid("Limited-time offer templates must be in the MARKETING category.");
  if (ofType(components, "FOOTER")) throw templateErrors.formatError("Limited-time offer templates have no footer.");
  const header = ofType(components, "HEADER");
  if (header && !["IMAGE", "VIDEO"].includes(String(header["format"])))
    throw templateErrors.formatError("A limited-time offer header is an IMAGE or a VIDEO.");
  const body = ofType(components, "BODY");
  if (typeof body?.["text"] === "string" && body["text"].length > 600)
    throw templateErrors.invalid("A limited-time offer body has at most 600 characters.");
  const buttons = buttonsOf(components).map((b) => String(b["type"]));
  if (!buttons.includes("URL")) throw templateErrors.formatError("A limited-time offer template needs a URL button.");
  const copyAt = buttons.indexOf("COPY_CODE");
  if (copyAt > 0) throw templateErrors.formatError("The copy-code button of a limited-time offer comes first.");
  const offer = ofType(components, "LIMITED_TIME_OFFER")?.["limited_time_offer"] as Component | undefined;
  if (offer?.["has_expiration"] === true && copyAt !== 0)
    throw templateErrors.formatError("An offer with has_expiration needs a copy-code button, first.");
}
