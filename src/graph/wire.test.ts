import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiExamples, validateOpenApiResponse } from "../../test/support/openapi.js";
import {
  AccessTokenResponse,
  BatchStatusResponse,
  CreateTemplateRequest,
  DebugTokenResponse,
  GraphErrorEnvelope,
  ItemsBatchRequest,
  MediaInfo,
  PhoneNumber,
  SendMessageRequest,
  graphList,
} from "./index.js";
import { TOKEN, clientFor, expectBearerOnly, lastRequest } from "../../test/support/graph/conformance.js";
import { type LocalGraphServer, startLocalGraphServer } from "../../test/support/graph/local-graph-server.js";

describe("Graph error envelope", () => {
  it("accepts Meta's documented envelope, with error_data as an object or a string", () => {
    const doc = {
      error: {
        message: "(#131030) Recipient phone number not in allowed list",
        type: "OAuthException",
        code: 131030,
        error_subcode: 2494010,
        error_data: { messaging_product: "whatsapp", details: "Recipient phone number not in allowed list" },
        error_user_title: "t",
        error_user_msg: "m",
        is_transient: false,
        fbtrace_id: "Az8or2yhqkZfEZ-_4Qn_Bam",
      },
    };
    expect(GraphErrorEnvelope.parse(doc).error.code).toBe(131030);
    expect(validateOpenApiResponse("POST", "/v23.0/1/register", 400, doc).ok).toBe(true);
    expect(
      GraphErrorEnvelope.safeParse({ error: { ...doc.error, error_data: "Content in This Language Already Exists" } })
        .success,
    ).toBe(true);
    expect(GraphErrorEnvelope.safeParse({ error: { ...doc.error, code: "131030" } }).success).toBe(false);
    const { fbtrace_id: _t, ...noTrace } = doc.error;
    expect(GraphErrorEnvelope.safeParse({ error: noTrace }).success).toBe(false);
  });
});

describe("OAuth shapes", () => {
  it("access_token and debug_token (granular_scopes with and without target_ids)", () => {
    expect(AccessTokenResponse.parse({ access_token: "EAA", token_type: "bearer" }).expires_in).toBeUndefined();
    const debug = DebugTokenResponse.parse({
      data: {
        app_id: "1",
        type: "SYSTEM_USER",
        application: "Wharf",
        data_access_expires_at: 0,
        expires_at: 0,
        is_valid: true,
        scopes: ["whatsapp_business_management", "business_management"],
        granular_scopes: [
          { scope: "whatsapp_business_management", target_ids: ["102290129340398"] },
          { scope: "business_management" },
        ],
        user_id: "9",
      },
    });
    expect(debug.data.granular_scopes?.[1]?.target_ids).toBeUndefined();
    expect(
      DebugTokenResponse.safeParse({
        data: { is_valid: false, error: { code: 190, message: "expired", subcode: 463 } },
      }).success,
    ).toBe(true);
    expect(DebugTokenResponse.safeParse({ data: { is_valid: "yes" } }).success).toBe(false);
  });
});

describe("phone numbers and media: Meta's OpenAPI examples parse", () => {
  it("every documented phone-number response", () => {
    for (const body of Object.values(openApiExamples("GET", "/{Version}/{Phone-Number-ID}", 200)))
      expect(PhoneNumber.safeParse(body).success).toBe(true);
    for (const body of Object.values(openApiExamples("GET", "/{Version}/{WABA-ID}/phone_numbers", 200))) {
      expect(graphList(PhoneNumber).safeParse(body).success).toBe(true);
    }
  });

  it("media info with file_size as a number or a decimal string", () => {
    const info = {
      messaging_product: "whatsapp",
      id: "1",
      url: "https://lookaside.fbsbx.com/x?mid=1",
      mime_type: "image/jpeg",
      sha256: "h",
    };
    expect(MediaInfo.safeParse({ ...info, file_size: 61901 }).success).toBe(true);
    expect(MediaInfo.safeParse({ ...info, file_size: "303833" }).success).toBe(true);
    expect(MediaInfo.safeParse({ ...info, file_size: "big" }).success).toBe(false);
  });
});

describe("template definitions", () => {
  it("accepts Meta's create examples (placeholder names filled in)", () => {
    const examples = openApiExamples("POST", "/{Version}/{WABA-ID}/message_templates", "request");
    expect(Object.keys(examples).length).toBeGreaterThan(5);
    for (const [name, body] of Object.entries(examples)) {
      const filled = { ...(body as object), name: "example_template" };
      const parsed = CreateTemplateRequest.safeParse(filled);
      expect(parsed.success, `${name}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it("rejects names Meta rejects and an unknown component type", () => {
    const base = { language: "en_US", category: "UTILITY", components: [{ type: "BODY", text: "x" }] };
    expect(CreateTemplateRequest.safeParse({ ...base, name: "Order Confirmation" }).success).toBe(false);
    expect(CreateTemplateRequest.safeParse({ ...base, name: "ok", category: "PROMO" }).success).toBe(false);
    expect(CreateTemplateRequest.safeParse({ ...base, name: "ok", components: [{ type: "SIDEBAR" }] }).success).toBe(
      false,
    );
  });
});

describe("send bodies enforce Meta's documented limits", () => {
  const to = { messaging_product: "whatsapp", to: "+16505551234" };
  const section = (title: string | undefined, n: number) => ({
    ...(title === undefined ? {} : { title }),
    product_items: Array.from({ length: n }, (_, i) => ({ product_retailer_id: `${title ?? "x"}-${i}` })),
  });
  const productList = (sections: unknown[]) => ({
    ...to,
    type: "interactive",
    interactive: {
      type: "product_list",
      header: { type: "text", text: "Picks" },
      body: { text: "b" },
      action: { catalog_id: "1", sections },
    },
  });
  const cases: [string, unknown][] = [
    ["text over 4096 characters", { ...to, type: "text", text: { body: "x".repeat(4097) } }],
    ["caption over 1024 characters", { ...to, type: "image", image: { id: "1", caption: "x".repeat(1025) } }],
    ["audio with a caption", { ...to, type: "audio", audio: { id: "1", caption: "no" } }],
    [
      "four reply buttons",
      {
        ...to,
        type: "interactive",
        interactive: {
          type: "button",
          body: { text: "b" },
          action: { buttons: [1, 2, 3, 4].map((i) => ({ type: "reply", reply: { id: `${i}`, title: `${i}` } })) },
        },
      },
    ],
    [
      "button title over 20",
      {
        ...to,
        type: "interactive",
        interactive: {
          type: "button",
          body: { text: "b" },
          action: { buttons: [{ type: "reply", reply: { id: "1", title: "x".repeat(21) } }] },
        },
      },
    ],
    [
      "eleven list rows",
      {
        ...to,
        type: "interactive",
        interactive: {
          type: "list",
          body: { text: "b" },
          action: {
            button: "Go",
            sections: [{ title: "s", rows: Array.from({ length: 11 }, (_, i) => ({ id: `${i}`, title: `${i}` })) }],
          },
        },
      },
    ],
    [
      "product_list without header",
      {
        ...to,
        type: "interactive",
        interactive: {
          type: "product_list",
          body: { text: "b" },
          action: { catalog_id: "1", sections: [{ title: "s", product_items: [{ product_retailer_id: "a" }] }] },
        },
      },
    ],
    [
      "template button index 10",
      {
        ...to,
        type: "template",
        template: {
          name: "t",
          language: { code: "en" },
          components: [{ type: "button", sub_type: "url", index: "10", parameters: [] }],
        },
      },
    ],
    ["messaging_product other than whatsapp", { ...to, messaging_product: "sms", type: "text", text: { body: "x" } }],
    ["callback data over 512", { ...to, type: "text", biz_opaque_callback_data: "x".repeat(513), text: { body: "x" } }],
    ["link that is not http(s)", { ...to, type: "image", image: { link: "file:///etc/passwd" } }],
    ["neither to nor recipient", { messaging_product: "whatsapp", type: "text", text: { body: "x" } }],
    [
      "list with an image header",
      {
        ...to,
        type: "interactive",
        interactive: {
          type: "list",
          header: { type: "image", image: { link: "https://example.com/a.png" } },
          body: { text: "b" },
          action: { button: "Go", sections: [{ title: "s", rows: [{ id: "a", title: "A" }] }] },
        },
      },
    ],
    [
      "quick_reply button with a text parameter",
      {
        ...to,
        type: "template",
        template: {
          name: "t",
          language: { code: "en" },
          components: [
            { type: "button", sub_type: "quick_reply", index: "0", parameters: [{ type: "text", text: "x" }] },
          ],
        },
      },
    ],
    ["eleven product sections", productList(Array.from({ length: 11 }, (_, i) => section(`s${i}`, 1)))],
    ["31 products over three sections", productList([section("a", 10), section("b", 10), section("c", 11)])],
    ["two product sections, one without a title", productList([section("a", 1), section(undefined, 1)])],
    [
      "a header on a catalog message",
      {
        ...to,
        type: "interactive",
        interactive: {
          type: "catalog_message",
          header: { type: "text", text: "h" },
          body: { text: "b" },
          action: { name: "catalog_message" },
        },
      },
    ],
  ];
  for (const [name, body] of cases)
    it(`rejects ${name}`, () => expect(SendMessageRequest.safeParse(body).success).toBe(false));

  it("accepts one untitled product section and Meta's maximum of 10 sections with 30 products", () => {
    expect(SendMessageRequest.safeParse(productList([section(undefined, 30)])).success).toBe(true);
    const ten = Array.from({ length: 10 }, (_, i) => section(`s${i}`, 3));
    expect(SendMessageRequest.safeParse(productList(ten)).success).toBe(true);
  });

  // Meta: `recipient` (a BSUID) instead of `to` ("Business-scoped user IDs"); the identity check's
  // `recipient_identity_key_hash` (meta-cloud-api.md, user identity change).
  it("accepts recipient instead of to, and recipient_identity_key_hash", () => {
    const text = { messaging_product: "whatsapp", type: "text", text: { body: "x" } };
    expect(SendMessageRequest.safeParse({ ...text, recipient: "US.13491208655302741918" }).success).toBe(true);
    expect(SendMessageRequest.safeParse({ ...text, ...to, recipient_identity_key_hash: "DF2lS5v2W6x=" }).success).toBe(
      true,
    );
  });
});

describe("catalog calls (not described in Meta's OpenAPI file)", () => {
  let server: LocalGraphServer;
  beforeAll(async () => {
    server = await startLocalGraphServer();
  });
  afterAll(() => server.close());

  it("lists products (the read that proves a catalog token works)", async () => {
    const client = clientFor(server);
    server.respond(() => ({
      body: {
        data: [{ id: "8011223344", retailer_id: "SKU-1", name: "Burger", price: "$9.99" }],
        paging: { cursors: { after: "QVFI" } },
      },
    }));
    const { data } = await client.catalog.listProducts(TOKEN, "1234567890", { limit: 1 });
    expect(data.data[0]?.retailer_id).toBe("SKU-1");
    expect(lastRequest(server)).toMatchObject({ method: "GET", pathname: "/v23.0/1234567890/products" });
    expect(lastRequest(server).query.get("limit")).toBe("1");
    expectBearerOnly(lastRequest(server));
  });

  it("creates a product, upserts through items_batch, and polls the batch handle", async () => {
    const client = clientFor(server);
    server.respond(() => ({ body: { id: "8011223344" } }));
    const product = {
      retailer_id: "SKU-1",
      name: "Burger",
      price: 999,
      currency: "USD",
      image_url: "https://cdn.example.com/b.jpg",
      availability: "in stock" as const,
    };
    expect((await client.catalog.createProduct(TOKEN, "1234567890", product)).data.id).toBe("8011223344");
    expect(lastRequest(server)).toMatchObject({
      method: "POST",
      pathname: "/v23.0/1234567890/products",
      json: product,
    });
    expectBearerOnly(lastRequest(server));

    server.respond(() => ({ body: { handles: ["AcyQhandle"] } }));
    const item = {
      id: "SKU-2",
      title: "Fries",
      price: "2.50 USD",
      link: "https://x.example/fries",
      image_link: "https://x.example/f.jpg",
    };
    const { data } = await client.catalog.upsertProduct(TOKEN, "1234567890", item);
    expect(data.handles).toEqual(["AcyQhandle"]);
    expect(lastRequest(server).json).toEqual({
      item_type: "PRODUCT_ITEM",
      allow_upsert: true,
      requests: [{ method: "UPDATE", data: item }],
    });
    expect(lastRequest(server).pathname).toBe("/v23.0/1234567890/items_batch");

    server.respond(() => ({
      body: {
        data: [
          {
            handle: "AcyQhandle",
            status: "finished",
            errors_total_count: 1,
            errors: [{ id: "SKU-2", message: "bad image" }],
          },
        ],
      },
    }));
    const status = await client.catalog.getBatchStatus(TOKEN, "1234567890", "AcyQhandle", {
      loadIdsOfInvalidRequests: true,
    });
    expect(status.data.data[0]?.errors?.[0]?.id).toBe("SKU-2");
    expect(Object.fromEntries(lastRequest(server).query)).toEqual({
      handle: "AcyQhandle",
      load_ids_of_invalid_requests: "true",
    });
  });

  it("validates batch bodies: price as '<amount> <ISO 4217>', at most 5,000 requests", () => {
    const req = (data: object) => ({ item_type: "PRODUCT_ITEM", requests: [{ method: "CREATE", data }] });
    expect(ItemsBatchRequest.safeParse(req({ id: "a", price: "9.99 USD" })).success).toBe(true);
    expect(ItemsBatchRequest.safeParse(req({ id: "a", price: 999 })).success).toBe(false);
    expect(ItemsBatchRequest.safeParse(req({ id: "a", price: "9.99" })).success).toBe(false);
    const many = {
      item_type: "PRODUCT_ITEM",
      requests: Array.from({ length: 5001 }, (_, i) => ({ method: "DELETE", data: { id: `${i}` } })),
    };
    expect(ItemsBatchRequest.safeParse(many).success).toBe(false);
    expect(BatchStatusResponse.safeParse({ data: [{ handle: "h", status: 3 }] }).success).toBe(false);
  });
});
