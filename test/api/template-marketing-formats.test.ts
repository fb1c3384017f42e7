import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, eventually } from "../support/api-client.js";
import { connectAndActivate, type ConnectedNumbers } from "../support/connect.js";
import { pngBytes, upload } from "../support/templates.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";
import { describeEachDialect } from "../support/databases.js";

/**
 * Carousel and limited-time offer templates end to end: created through Wharf, approved by the
 * emulator, sent as Meta documents (Meta, "Media card carousel templates" / "Sending media card
 * carousel templates"; "Limited-time offer templates"), and a send Meta would refuse is refused by
 * Wharf first with the same reason.
 */
let w: StartedWharf;
let api: ReturnType<typeof apiClient>;
let numbers: ConnectedNumbers;

async function approved(definition: Record<string, unknown>): Promise<void> {
  const created = await api.call("POST", "/v1/templates", definition);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const state = await api.emulator("GET", "/state");
  const tpl = state.templates.find((t: { name: string }) => t.name === definition["name"]);
  await api.emulator("POST", `/templates/${tpl.id}/review`, { status: "APPROVED" });
  await eventually(
    async () =>
      (await api.call("GET", "/v1/templates")).body.data.find(
        (t: { name: string; status: string }) => t.name === definition["name"] && t.status === "APPROVED",
      ),
    10_000,
    "template approved",
  );
}

/** Marketing templates go to customers who opted in (Wharf's consent rule), so each recipient is recorded first. */
const send = async (to: string, name: string, components: unknown[]) => {
  await api.call("PUT", `/v1/contacts/${to.slice(1)}`, { marketingOptIn: true });
  return api.call("POST", "/v1/messages", {
    from: numbers.verified.id,
    to,
    type: "template",
    template: { name, language: "en_US", components },
  });
};

async function acceptedByMeta(id: string): Promise<void> {
  const done = await eventually(
    async () => {
      const m = (await api.call("GET", `/v1/messages/${id}`)).body;
      return ["sent", "delivered", "read", "failed"].includes(m.status) ? m : null;
    },
    10_000,
    "accepted by Meta",
  );
  expect(done.status, JSON.stringify(done)).not.toBe("failed");
}

describeEachDialect("carousel and limited-time offer end to end", (dialect) => {
  beforeAll(async () => {
    w = await startWharf({ dialect });
    api = apiClient(w.url, w.demo.apiKey);
    numbers = await connectAndActivate(w.url, w.demo.apiKey);
    const sample = await upload(w, w.demo.apiKey, "/v1/media/uploads?fileName=card.png", pngBytes(2_000), "image/png");
    expect(sample.status).toBe(201);
    const handle = sample.body.handle as string;
    const card = {
      components: [
        { type: "header", format: "image", example: { header_handle: [handle] } },
        { type: "body", text: "Rare lemons. Use code {{1}} today.", example: { body_text: [["LEMON15"]] } },
        {
          type: "buttons",
          buttons: [
            { type: "quick_reply", text: "More like this" },
            {
              type: "url",
              text: "Buy",
              url: "https://shop.example/p/{{1}}",
              example: ["https://shop.example/p/lemon"],
            },
          ],
        },
      ],
    };
    await approved({
      name: "summer_carousel",
      language: "en_US",
      category: "MARKETING",
      components: [
        { type: "body", text: "Summer is here, {{1}}! Pick one.", example: { body_text: [["Ana"]] } },
        { type: "carousel", cards: [card, card] },
      ],
    });
    await approved({
      name: "caribbean_offer",
      language: "en_US",
      category: "MARKETING",
      components: [
        { type: "limited_time_offer", limited_time_offer: { text: "Expiring offer!", has_expiration: true } },
        { type: "body", text: "Good news, {{1}}! Use code CARIBE25 today.", example: { body_text: [["Pablo"]] } },
        {
          type: "buttons",
          buttons: [
            { type: "copy_code", example: "CARIBE25" },
            { type: "url", text: "Book", url: "https://shop.example/offers" },
          ],
        },
      ],
    });
  }, 90_000);
  afterAll(() => w?.close());

  const cardSend = (i: number) => ({
    card_index: i,
    components: [
      { type: "header", parameters: [{ type: "image", image: { link: `https://shop.example/${i}.png` } }] },
      { type: "body", parameters: [{ type: "text", text: "LEMON15" }] },
      { type: "button", sub_type: "quick_reply", index: 0, parameters: [{ type: "payload", payload: `more-${i}` }] },
      { type: "button", sub_type: "url", index: 1, parameters: [{ type: "text", text: "lemon" }] },
    ],
  });
  const greeting = { type: "body", parameters: [{ type: "text", text: "Ana" }] };

  describe("carousel templates (Meta: sending media card carousel templates)", () => {
    it("Meta's documented send (every card by card_index) goes out and Meta accepts it", async () => {
      const r = await send("+15550004001", "summer_carousel", [
        greeting,
        { type: "carousel", cards: [cardSend(0), cardSend(1)] },
      ]);
      expect(r.status, JSON.stringify(r.body)).toBe(202);
      await acceptedByMeta(r.body.id);
    });

    it("a send missing a card is refused before Meta sees it, as Meta would (132000)", async () => {
      const r = await send("+15550004002", "summer_carousel", [greeting, { type: "carousel", cards: [cardSend(0)] }]);
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe("TEMPLATE_PARAMETERS_MISMATCH");
      expect(r.body.error.message).toContain("carousel takes 2 card");
    });
  });

  describe("limited-time offer templates (Meta: limited-time offer templates)", () => {
    const components = (withExpiry: boolean) => [
      { type: "body", parameters: [{ type: "text", text: "Pablo" }] },
      ...(withExpiry
        ? [
            {
              type: "limited_time_offer",
              parameters: [
                { type: "limited_time_offer", limited_time_offer: { expiration_time_ms: 1_893_456_000_000 } },
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
    ];

    it("the send with expiration_time_ms goes out and Meta accepts it", async () => {
      const r = await send("+15550004003", "caribbean_offer", components(true));
      expect(r.status, JSON.stringify(r.body)).toBe(202);
      await acceptedByMeta(r.body.id);
    });

    it("the send without the expiry is refused before Meta sees it (132000)", async () => {
      const r = await send("+15550004004", "caribbean_offer", components(false));
      expect(r.status).toBe(422);
      expect(r.body.error.message).toContain("expiration_time_ms");
    });
  });
});
