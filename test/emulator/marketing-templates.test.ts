import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SEED_IDS, startHarness, V, type Harness } from "./support/harness.js";
import { approvedTemplate, uploadHandle } from "./support/templates.js";

let h: Harness;
let token: string;
let handle: string;
const path = `/${V}/${SEED_IDS.wabaId}/message_templates`;
const create = (json: unknown) => h.call("POST", path, { token, json });
const send = (template: unknown) =>
  h.call("POST", `/${V}/${SEED_IDS.verifiedPhoneNumberId}/messages`, {
    token,
    json: { messaging_product: "whatsapp", to: "+16505550188", type: "template", template },
  });

beforeAll(async () => {
  h = await startHarness();
});
beforeEach(async () => {
  await h.control("POST", "/reset");
  token = await h.connected();
  handle = await uploadHandle(h, token);
});
afterAll(() => h.close());

const card = () => ({
  components: [
    { type: "header", format: "image", example: { header_handle: [handle] } },
    { type: "body", text: "Rare lemons. Use code {{1}} for 15% off.", example: { body_text: [["LEMON15"]] } },
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
 * templates/marketing-templates/media-card-carousel-templates): MARKETING only; a message BODY and a
 * CAROUSEL of 2 to 10 cards; every card an IMAGE or VIDEO header, the same components on every card.
 */
const carousel = () => ({
  name: "summer_carousel",
  language: "en_US",
  category: "marketing",
  components: [
    { type: "body", text: "Summer is here, {{1}}! Pick a favourite.", example: { body_text: [["Ana"]] } },
    { type: "carousel", cards: [card(), card()] },
  ],
});

describe("carousel templates (Meta: media card carousel templates)", () => {
  it("creates Meta's example and answers it upper-case, cards included", async () => {
    const id = await approvedTemplate(h, token, carousel());
    const read = await h.call("GET", `/${V}/${id}?fields=components,category`, { token });
    expect(read.body.category).toBe("MARKETING");
    expect(read.body.components[1].type).toBe("CAROUSEL");
    expect(read.body.components[1].cards[0].components.map((c: { type: string }) => c.type)).toEqual([
      "HEADER",
      "BODY",
      "BUTTONS",
    ]);
  });

  it("refuses one card, cards that differ, a document header, a message footer and a utility carousel (100)", async () => {
    const one = { ...carousel(), components: [carousel().components[0], { type: "carousel", cards: [card()] }] };
    const other = card();
    other.components[2] = { type: "buttons", buttons: [{ type: "quick_reply", text: "More" }] };
    const differ = {
      ...carousel(),
      components: [carousel().components[0], { type: "carousel", cards: [card(), other] }],
    };
    const doc = card();
    doc.components[0] = { type: "header", format: "document", example: { header_handle: [handle] } };
    const docs = { ...carousel(), components: [carousel().components[0], { type: "carousel", cards: [doc, doc] }] };
    const footer = { ...carousel(), components: [...carousel().components, { type: "footer", text: "Jasper's" }] };
    for (const bad of [one, differ, docs, footer, { ...carousel(), category: "utility" }]) {
      const res = await create(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe(100);
    }
  });

  it("sends Meta's documented payload and refuses a card short, a card without its header (132000/132012)", async () => {
    await approvedTemplate(h, token, carousel());
    const cardSend = (i: number) => ({
      card_index: i,
      components: [
        { type: "header", parameters: [{ type: "image", image: { link: `https://shop.example/${i}.png` } }] },
        { type: "body", parameters: [{ type: "text", text: "LEMON15" }] },
        { type: "button", sub_type: "quick_reply", index: 0, parameters: [{ type: "payload", payload: `more-${i}` }] },
        { type: "button", sub_type: "url", index: 1, parameters: [{ type: "text", text: "lemon" }] },
      ],
    });
    const template = (cards: unknown[]) => ({
      name: "summer_carousel",
      language: { code: "en_US" },
      components: [
        { type: "body", parameters: [{ type: "text", text: "Ana" }] },
        { type: "carousel", cards },
      ],
    });
    const ok = await send(template([cardSend(0), cardSend(1)]));
    expect(ok.status, ok.text).toBe(200);
    const short = await send(template([cardSend(0)]));
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe(132000);
    const headless = cardSend(1);
    headless.components.shift();
    const noHeader = await send(template([cardSend(0), headless]));
    expect(noHeader.body.error.code).toBe(132012);
  });
});

/**
 * Meta, "Limited-time offer templates" (developers.facebook.com/documentation/business-messaging/whatsapp/
 * templates/marketing-templates/limited-time-offer-templates): MARKETING only, no footer, offer text of at
 * most 16 characters; a URL button always, a copy-code button first and required with has_expiration;
 * a send gives the expiry as a limited_time_offer parameter with expiration_time_ms.
 */
const offer = (hasExpiration = true) => ({
  name: "caribbean_offer",
  language: "en_US",
  category: "marketing",
  components: [
    { type: "header", format: "IMAGE", example: { header_handle: [handle] } },
    { type: "limited_time_offer", limited_time_offer: { text: "Expiring offer!", has_expiration: hasExpiration } },
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

describe("limited-time offer templates (Meta: limited-time offer templates)", () => {
  const offerSend = (extra: unknown[]) => ({
    name: "caribbean_offer",
    language: { code: "en_US" },
    components: [
      { type: "header", parameters: [{ type: "image", image: { link: "https://example.com/a.png" } }] },
      {
        type: "body",
        parameters: [
          { type: "text", text: "Pablo" },
          { type: "text", text: "CARIBE25" },
        ],
      },
      ...extra,
      {
        type: "button",
        sub_type: "copy_code",
        index: 0,
        parameters: [{ type: "coupon_code", coupon_code: "CARIBE25" }],
      },
      { type: "button", sub_type: "url", index: 1, parameters: [{ type: "text", text: "n3mtql" }] },
    ],
  });
  const expiry = {
    type: "limited_time_offer",
    parameters: [{ type: "limited_time_offer", limited_time_offer: { expiration_time_ms: 1_713_961_800_000 } }],
  };

  it("creates Meta's example and sends it with the expiry; refuses the send without it (132000)", async () => {
    await approvedTemplate(h, token, offer());
    const ok = await send(offerSend([expiry]));
    expect(ok.status, ok.text).toBe(200);
    const missing = await send(offerSend([]));
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe(132000);
  });

  it("without has_expiration the send leaves the limited_time_offer component out", async () => {
    await approvedTemplate(h, token, offer(false));
    expect((await send(offerSend([]))).status).toBe(200);
    expect((await send(offerSend([expiry]))).body.error.code).toBe(132000);
  });

  it("refuses offer text over 16, a footer, no URL button, copy code second, and a utility offer (100)", async () => {
    const base = offer();
    const long = {
      ...base,
      components: base.components.map((c, i) => (i === 1 ? { ...c, limited_time_offer: { text: "x".repeat(17) } } : c)),
    };
    const footer = { ...base, components: [...base.components, { type: "footer", text: "T&C" }] };
    const buttons = (bs: unknown[]) => ({
      ...base,
      components: [...base.components.slice(0, 3), { type: "buttons", buttons: bs }],
    });
    const [copy, url] = (base.components[3] as { buttons: unknown[] }).buttons;
    for (const bad of [
      long,
      footer,
      buttons([copy]),
      buttons([url, copy]),
      buttons([url]),
      { ...base, category: "UTILITY" },
    ]) {
      const res = await create(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe(100);
    }
  });
});
