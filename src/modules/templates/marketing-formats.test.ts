import { describe, expect, it } from "vitest";
import type { Json } from "../../../test/support/json.js";
import { buildMetaMessage, givenParameterCounts } from "../messages/build-meta-message.js";
import { checkParameters } from "../messages/admission/rules/template-parameters.js";
import { normalizeComponents, sendShape } from "./template-variables.js";
import { toCreateRequest } from "./create-template.js";
import { templateIssues, type TemplateDefinition } from "./validate-template.js";

type Def = TemplateDefinition & { components: Record<string, Json>[] };

const card = (handle: string): Record<string, Json> => ({
  components: [
    { type: "header", format: "image", example: { header_handle: [handle] } },
    { type: "body", text: "Use code {{1}} for 15% off.", example: { body_text: [["LEMON15"]] } },
    {
      type: "buttons",
      buttons: [
        { type: "quick_reply", text: "Send more like this" },
        {
          type: "url",
          text: "Buy now",
          url: "https://shop.example/p/{{1}}",
          example: ["https://shop.example/p/lemon"],
        },
      ],
    },
  ],
});

/**
 * Meta, "Media card carousel templates" (developers.facebook.com/documentation/business-messaging/whatsapp/
 * templates/marketing-templates/media-card-carousel-templates), written as Meta's example writes it
 * (lower-case types): a message BODY and a CAROUSEL of 2 to 10 cards with the same components.
 */
const carousel = (): Def => ({
  name: "summer_carousel",
  language: "en_US",
  category: "MARKETING",
  parameterFormat: "POSITIONAL",
  components: [
    { type: "body", text: "Summer is here, {{1}}! Pick a favourite.", example: { body_text: [["Ana"]] } },
    { type: "carousel", cards: [card("4::aW1hZ2U=a"), card("4::aW1hZ2U=b")] },
  ],
});

/**
 * Meta, "Limited-time offer templates" (developers.facebook.com/documentation/business-messaging/whatsapp/
 * templates/marketing-templates/limited-time-offer-templates): MARKETING, no footer, offer text <= 16,
 * a URL button always, the copy-code button first and required when has_expiration is true.
 */
const offer = (): Def => ({
  name: "caribbean_offer",
  language: "en_US",
  category: "MARKETING",
  parameterFormat: "POSITIONAL",
  components: [
    { type: "header", format: "IMAGE", example: { header_handle: ["4::aW1hZ2U="] } },
    { type: "limited_time_offer", limited_time_offer: { text: "Expiring offer!", has_expiration: true } },
    {
      type: "body",
      text: "Good news, {{1}}! Use code {{2}} to get 25% off all Caribbean packages!",
      example: { body_text: [["Pablo", "CARIBE25"]] },
    },
    {
      type: "buttons",
      buttons: [
        { type: "copy_code", example: "CARIBE25" },
        {
          type: "url",
          text: "Book now!",
          url: "https://awesomedestinations.com/offers?code={{1}}",
          example: ["https://awesomedestinations.com/offers?ref=n3mtql"],
        },
      ],
    },
  ],
});

const fields = (def: Def) => templateIssues(def).map((i) => i.field);

describe("carousel templates (Meta: media card carousel templates)", () => {
  it("accepts Meta's shape and submits it with upper-case types, cards included", () => {
    expect(templateIssues(carousel())).toEqual([]);
    const wire = toCreateRequest(carousel());
    const cards = (wire.components[1] as { cards: { components: { type: string; format?: string }[] }[] }).cards;
    expect(wire.components[1]!.type).toBe("CAROUSEL");
    expect(cards[0]!.components.map((c) => c.type)).toEqual(["HEADER", "BODY", "BUTTONS"]);
    expect(cards[0]!.components[0]!.format).toBe("IMAGE");
  });

  it("refuses one card, eleven cards, and cards whose components differ", () => {
    const one = carousel();
    (one.components[1]!.cards as Json[]).splice(1);
    expect(fields(one)).toContain("components.1.cards");
    const eleven = carousel();
    eleven.components[1]!.cards = Array.from({ length: 11 }, (_, i) => card(`4::h${i}`));
    expect(fields(eleven)).toContain("components.1.cards");
    const mixed = carousel();
    const second = (mixed.components[1]!.cards as { components: Record<string, Json>[] }[])[1]!;
    second.components[2] = { type: "buttons", buttons: [{ type: "quick_reply", text: "More" }] };
    expect(fields(mixed)).toContain("components.1.cards");
  });

  it("refuses a document header on a card, a card body over 160 characters, a non-marketing category and a message footer", () => {
    const doc = carousel();
    const first = (doc.components[1]!.cards as { components: Record<string, Json>[] }[])[0]!;
    first.components[0]!.format = "DOCUMENT";
    expect(fields(doc)).toContain("components.1.cards.0.components.0.format");
    const long = carousel();
    const c0 = (long.components[1]!.cards as { components: Record<string, Json>[] }[])[0]!;
    c0.components[1]!.text = `Use code {{1}} ${"x".repeat(160)} today.`;
    expect(fields(long)).toContain("components.1.cards.0.components.1.text");
    expect(fields({ ...carousel(), category: "UTILITY" })).toContain("components.1");
    const footer = carousel();
    footer.components.push({ type: "FOOTER", text: "Jasper's" });
    expect(fields(footer)).toContain("components.2");
  });

  it("counts the message body and every card's header, body and url parameters; quick-reply payloads are optional", () => {
    const shape = sendShape(normalizeComponents(carousel().components), "POSITIONAL", "MARKETING");
    expect(shape.bodyParameterCount).toBe(1);
    expect(shape.cards).toHaveLength(2);
    expect(shape.cards![0]).toMatchObject({
      headerFormat: "IMAGE",
      headerParameterCount: 1,
      bodyParameterCount: 1,
      buttonParameterCounts: [0, 1],
      optionalButtons: [0],
    });
  });

  it("admits Meta's documented send and refuses one missing a card (Meta: sending media card carousel templates)", () => {
    const t = {
      name: "summer_carousel",
      language: "en_US",
      ...sendShape(normalizeComponents(carousel().components), "POSITIONAL", "MARKETING"),
    };
    const cardSend = (i: number) => ({
      card_index: i,
      components: [
        { type: "header", parameters: [{ type: "image", image: { id: `10${i}` } }] },
        { type: "body", parameters: [{ type: "text", text: "LEMON15" }] },
        { type: "button", sub_type: "quick_reply", index: 0, parameters: [{ type: "payload", payload: `more-${i}` }] },
        { type: "button", sub_type: "url", index: 1, parameters: [{ type: "text", text: "lemon" }] },
      ],
    });
    const send = (cards: unknown[]) =>
      buildMetaMessage({
        to: "+16505550100",
        type: "template",
        payload: {
          name: "summer_carousel",
          language: "en_US",
          components: [
            { type: "body", parameters: [{ type: "text", text: "Ana" }] },
            { type: "carousel", cards },
          ],
        },
      });
    const ok = send([cardSend(0), cardSend(1)]);
    expect(() =>
      checkParameters(t, givenParameterCounts(ok.type === "template" ? ok.template : never())),
    ).not.toThrow();
    const short = send([cardSend(0)]);
    expect(() =>
      checkParameters(t, givenParameterCounts(short.type === "template" ? short.template : never())),
    ).toThrow(/carousel takes 2 card/);
  });
});

describe("limited-time offer templates (Meta: limited-time offer templates)", () => {
  it("accepts Meta's example and submits LIMITED_TIME_OFFER upper-case", () => {
    expect(templateIssues(offer())).toEqual([]);
    expect(toCreateRequest(offer()).components[1]).toEqual({
      type: "LIMITED_TIME_OFFER",
      limited_time_offer: { text: "Expiring offer!", has_expiration: true },
    });
  });

  it("refuses offer text over 16, a footer, a missing URL button, a copy-code button not first, and has_expiration without one", () => {
    const long = offer();
    long.components[1]!.limited_time_offer = { text: "x".repeat(17), has_expiration: true };
    expect(fields(long)).toContain("components.1.limited_time_offer.text");
    const footer = offer();
    footer.components.push({ type: "FOOTER", text: "T&C apply" });
    expect(fields(footer)).toContain("components.4");
    const noUrl = offer();
    noUrl.components[3]!.buttons = [{ type: "copy_code", example: "CARIBE25" }];
    expect(fields(noUrl)).toContain("components.3.buttons");
    const second = offer();
    second.components[3]!.buttons = [...(offer().components[3]!.buttons as Json[])].reverse();
    expect(templateIssues(second).find((i) => i.field === "components.3.buttons")?.message).toMatch(/comes first/);
    const noCode = offer();
    noCode.components[3]!.buttons = [(offer().components[3]!.buttons as Json[])[1]!];
    expect(templateIssues(noCode).map((i) => i.message)).toContainEqual(expect.stringMatching(/has_expiration/));
    expect(fields({ ...offer(), category: "UTILITY" })).toContain("components.1");
  });

  it("a send with an expiry gives expiration_time_ms; without has_expiration it leaves the component out", () => {
    const shape = sendShape(normalizeComponents(offer().components), "POSITIONAL", "MARKETING");
    expect(shape).toMatchObject({ offerExpiration: true, bodyParameterCount: 2, buttonParameterCounts: [1, 1] });
    const t = { name: "caribbean_offer", language: "en_US", ...shape };
    const payload = (withOffer: boolean) => ({
      name: "caribbean_offer",
      language: "en_US",
      components: [
        { type: "header", parameters: [{ type: "image", image: { id: "1166301034380136" } }] },
        {
          type: "body",
          parameters: [
            { type: "text", text: "Pablo" },
            { type: "text", text: "CARIBE25" },
          ],
        },
        ...(withOffer
          ? [
              {
                type: "limited_time_offer",
                parameters: [
                  { type: "limited_time_offer", limited_time_offer: { expiration_time_ms: 1_713_961_800_000 } },
                ],
              },
            ]
          : []),
        {
          type: "button",
          sub_type: "copy_code",
          index: 0,
          parameters: [{ type: "coupon_code", coupon_code: "CARIBE25" }],
        },
        { type: "button", sub_type: "url", index: 1, parameters: [{ type: "text", text: "n3mtql" }] },
      ],
    });
    const given = (withOffer: boolean) => {
      const m = buildMetaMessage({ to: "+16505550100", type: "template", payload: payload(withOffer) });
      return givenParameterCounts(m.type === "template" ? m.template : never());
    };
    expect(() => checkParameters(t, given(true))).not.toThrow();
    expect(() => checkParameters(t, given(false))).toThrow(/expiration_time_ms/);
    expect(() => checkParameters({ ...t, offerExpiration: false }, given(true))).toThrow(/no offer expiry/);
  });
});

function never(): never {
  throw new Error("not a template message");
}
