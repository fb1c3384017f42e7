import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectOpenApiValid,
  matchOpenApiPath,
  openApiExamples,
  validateOpenApiResponse,
} from "../../test/support/openapi.js";
import type { GraphClient } from "./index.js";
import { PHONE_ID, TOKEN, WABA_ID, clientFor, expectBearerOnly } from "../../test/support/graph/conformance.js";
import { expectOnlyGap, lastRequest, validateCaptured } from "../../test/support/graph/conformance.js";
import { type LocalGraphServer, startLocalGraphServer } from "../../test/support/graph/local-graph-server.js";

/**
 * Phone numbers, WABA subscriptions, templates and media: each request the client makes is
 * captured over HTTP and validated against Meta's OpenAPI file, and the server answers with
 * Meta's own documented example response, which the client must accept.
 */

const TEMPLATE_ID = "594425479261596";
const MEDIA_ID = "1037543291543636";

let server: LocalGraphServer;
let client: GraphClient;

/** Answer the next call with Meta's first documented 200 example for that operation. */
function answerWithMetaExample(method: string, template: string, pick?: string): unknown {
  const examples = openApiExamples(method, template, 200);
  const body = pick ? examples[pick] : Object.values(examples)[0];
  expect(body, `${method} ${template} has a documented example`).toBeDefined();
  server.respond(() => ({ body }));
  return body;
}

async function expectConforms(template: string, pin = false): Promise<void> {
  const req = lastRequest(server);
  expectBearerOnly(req);
  expect(matchOpenApiPath(req.method, req.pathname)).toContain(template);
  expectOpenApiValid(await validateCaptured(req, pin ? template : undefined), `${req.method} ${template}`);
}

beforeAll(async () => {
  server = await startLocalGraphServer();
  client = clientFor(server);
});
afterAll(() => server.close());

describe("phone numbers", () => {
  it("reads one number with its fields", async () => {
    answerWithMetaExample("GET", "/{Version}/{Phone-Number-ID}", "comprehensive_response");
    const { data } = await client.phoneNumbers.get(TOKEN, PHONE_ID);
    expect(data.id).toBeTruthy();
    expect(lastRequest(server).query.get("fields")).toContain("quality_rating");
    await expectConforms("/{Version}/{Phone-Number-ID}", true);
  });

  it("lists a WABA's numbers with paging parameters", async () => {
    answerWithMetaExample("GET", "/{Version}/{WABA-ID}/phone_numbers", "multiple_phone_numbers");
    const { data } = await client.wabas.listPhoneNumbers(TOKEN, WABA_ID, { limit: 50, after: "QVFI" });
    expect(data.data.length).toBeGreaterThan(1);
    expect(lastRequest(server).query.get("limit")).toBe("50");
    await expectConforms("/{Version}/{WABA-ID}/phone_numbers");
  });

  it("adds a number to a WABA", async () => {
    answerWithMetaExample("POST", "/{Version}/{WABA-ID}/phone_numbers");
    await client.wabas.addPhoneNumber(TOKEN, WABA_ID, {
      cc: "1",
      phone_number: "6315551234",
      verified_name: "Lucky Shrub",
    });
    await expectConforms("/{Version}/{WABA-ID}/phone_numbers");
  });

  it("registers with a PIN (and a data localisation region)", async () => {
    answerWithMetaExample("POST", "/{Version}/{Phone-Number-ID}/register");
    const { data } = await client.phoneNumbers.register(TOKEN, PHONE_ID, {
      pin: "212834",
      data_localization_region: "DE",
    });
    expect(data.success).toBe(true);
    expect(lastRequest(server).json).toEqual({
      messaging_product: "whatsapp",
      pin: "212834",
      data_localization_region: "DE",
    });
    await expectConforms("/{Version}/{Phone-Number-ID}/register");
  });

  it("refuses a PIN that is not 6 digits without calling Meta", async () => {
    const before = server.requests.length;
    await expect(client.phoneNumbers.register(TOKEN, PHONE_ID, { pin: "12345" })).rejects.toThrow();
    expect(server.requests.length).toBe(before);
  });

  it("deregisters", async () => {
    answerWithMetaExample("POST", "/{Version}/{Phone-Number-ID}/deregister");
    await client.phoneNumbers.deregister(TOKEN, PHONE_ID);
    expect(lastRequest(server).body.length).toBe(0);
    await expectConforms("/{Version}/{Phone-Number-ID}/deregister");
  });

  it("requests and verifies an OTP", async () => {
    answerWithMetaExample("POST", "/{Version}/{Phone-Number-ID}/request_code");
    await client.phoneNumbers.requestCode(TOKEN, PHONE_ID, { code_method: "SMS", language: "en_US" });
    // Shares its shape with /{Pre-Verified-Phone-Number-ID}/request_code, hence the pin.
    await expectConforms("/{Version}/{Phone-Number-ID}/request_code", true);
    answerWithMetaExample("POST", "/{Version}/{Phone-Number-ID}/verify_code");
    await client.phoneNumbers.verifyCode(TOKEN, PHONE_ID, { code: "123456" });
    await expectConforms("/{Version}/{Phone-Number-ID}/verify_code", true);
  });

  it("sets the two-step verification PIN on the number node", async () => {
    answerWithMetaExample("POST", "/{Version}/{Phone-Number-ID}", "two_step_verification_set");
    await client.phoneNumbers.setTwoStepPin(TOKEN, PHONE_ID, "150954");
    expect(lastRequest(server).json).toEqual({ pin: "150954" });
    await expectConforms("/{Version}/{Phone-Number-ID}", true);
  });
});

describe("WABA node", () => {
  it("reads the WABA with its fields", async () => {
    answerWithMetaExample("GET", "/{Version}/{WABA-ID}", "verified_account");
    const { data } = await client.wabas.get(TOKEN, WABA_ID);
    expect(data.name).toBe("My Business WhatsApp Account");
    expect(lastRequest(server).query.get("fields")).toContain("message_template_namespace");
    await expectConforms("/{Version}/{WABA-ID}", true);
  });
});

describe("WABA webhook subscription (subscribed_apps)", () => {
  it("subscribes with an empty body and with a callback override", async () => {
    answerWithMetaExample("POST", "/{Version}/{WABA-ID}/subscribed_apps");
    await client.wabas.subscribeApp(TOKEN, WABA_ID);
    await expectConforms("/{Version}/{WABA-ID}/subscribed_apps");
    await client.wabas.subscribeApp(TOKEN, WABA_ID, {
      override_callback_uri: "https://wharf.example.com/webhooks/meta",
      verify_token: "vt",
    });
    expect(lastRequest(server).json).toEqual({
      override_callback_uri: "https://wharf.example.com/webhooks/meta",
      verify_token: "vt",
    });
    await expectConforms("/{Version}/{WABA-ID}/subscribed_apps");
  });

  it("lists and unsubscribes", async () => {
    answerWithMetaExample("GET", "/{Version}/{WABA-ID}/subscribed_apps", "multiple_subscriptions");
    const { data } = await client.wabas.listSubscribedApps(TOKEN, WABA_ID);
    expect(data.data[0]?.whatsapp_business_api_data.id).toBeTruthy();
    await expectConforms("/{Version}/{WABA-ID}/subscribed_apps");
    answerWithMetaExample("DELETE", "/{Version}/{WABA-ID}/subscribed_apps");
    await client.wabas.unsubscribeApp(TOKEN, WABA_ID);
    await expectConforms("/{Version}/{WABA-ID}/subscribed_apps");
  });
});

describe("message templates", () => {
  it("lists with filters", async () => {
    answerWithMetaExample("GET", "/{Version}/{WABA-ID}/message_templates");
    const { data } = await client.wabas.listTemplates(TOKEN, WABA_ID, {
      name: "order_confirmation",
      status: "APPROVED",
      limit: 100,
    });
    expect(data.data.length).toBeGreaterThan(0);
    expect(lastRequest(server).query.get("name")).toBe("order_confirmation");
    await expectConforms("/{Version}/{WABA-ID}/message_templates");
  });

  it("creates a positional and a named template", async () => {
    answerWithMetaExample("POST", "/{Version}/{WABA-ID}/message_templates", "Example response");
    const created = await client.wabas.createTemplate(TOKEN, WABA_ID, {
      name: "order_confirmation",
      language: "en_US",
      category: "UTILITY",
      components: [
        { type: "HEADER", format: "TEXT", text: "Order {{1}}", example: { header_text: ["#123"] } },
        {
          type: "BODY",
          text: "Hi {{1}}, your order {{2}} shipped.",
          example: { body_text: [["Pablo", "860198-230332"]] },
        },
        { type: "FOOTER", text: "Lucky Shrub" },
        {
          type: "BUTTONS",
          buttons: [
            { type: "QUICK_REPLY", text: "Stop" },
            { type: "URL", text: "Track", url: "https://x.example/t/{{1}}", example: ["https://x.example/t/ABC"] },
          ],
        },
      ],
    });
    expect(created.data.id).toBeTruthy();
    await expectConforms("/{Version}/{WABA-ID}/message_templates");
    await client.wabas.createTemplate(TOKEN, WABA_ID, {
      name: "order_shipped_named",
      language: "en_US",
      category: "UTILITY",
      parameter_format: "NAMED",
      components: [
        {
          type: "BODY",
          text: "Thanks, {{first_name}}!",
          example: { body_text_named_params: [{ param_name: "first_name", example: "Pablo" }] },
        },
      ],
    });
    await expectConforms("/{Version}/{WABA-ID}/message_templates");
  });

  it("creates a limited-time offer and a carousel template (Meta: limited-time offer, media card carousel templates)", async () => {
    answerWithMetaExample("POST", "/{Version}/{WABA-ID}/message_templates", "Example response");
    await client.wabas.createTemplate(TOKEN, WABA_ID, {
      name: "caribbean_offer",
      language: "en_US",
      category: "MARKETING",
      components: [
        { type: "LIMITED_TIME_OFFER", limited_time_offer: { text: "Expiring offer!", has_expiration: true } },
        { type: "BODY", text: "Good news! Use code CARIBE25 today." },
        {
          type: "BUTTONS",
          buttons: [
            { type: "COPY_CODE", example: "CARIBE25" },
            { type: "URL", text: "Book", url: "https://x.example/o" },
          ],
        },
      ],
    });
    await expectConforms("/{Version}/{WABA-ID}/message_templates");
    const card = {
      components: [
        { type: "HEADER" as const, format: "IMAGE", example: { header_handle: ["4::aW1hZ2U="] } },
        { type: "BUTTONS" as const, buttons: [{ type: "QUICK_REPLY", text: "More" }] },
      ],
    };
    await client.wabas.createTemplate(TOKEN, WABA_ID, {
      name: "summer_carousel",
      language: "en_US",
      category: "MARKETING",
      components: [
        { type: "BODY", text: "Pick a favourite, friend." },
        { type: "CAROUSEL", cards: [card, card] },
      ],
    });
    await expectConforms("/{Version}/{WABA-ID}/message_templates");
  });

  it("reads and edits one template by id", async () => {
    answerWithMetaExample("GET", "/{Version}/{TEMPLATE_ID}");
    await client.wabas.getTemplate(TOKEN, TEMPLATE_ID);
    await expectConforms("/{Version}/{TEMPLATE_ID}", true);
    answerWithMetaExample("POST", "/{Version}/{TEMPLATE_ID}");
    await client.wabas.editTemplate(TOKEN, TEMPLATE_ID, {
      components: [{ type: "BODY", text: "Hi {{1}}!", example: { body_text: [["Pablo"]] } }],
    });
    await expectConforms("/{Version}/{TEMPLATE_ID}", true);
  });

  it("deletes by name, by name + hsm_id, and in bulk", async () => {
    answerWithMetaExample("DELETE", "/{Version}/{WABA-ID}/message_templates");
    await client.wabas.deleteTemplate(TOKEN, WABA_ID, { name: "order_confirmation" });
    await expectConforms("/{Version}/{WABA-ID}/message_templates");
    await client.wabas.deleteTemplate(TOKEN, WABA_ID, { name: "order_confirmation", hsm_id: TEMPLATE_ID });
    expect(lastRequest(server).query.get("hsm_id")).toBe(TEMPLATE_ID);
    await expectConforms("/{Version}/{WABA-ID}/message_templates");
    await client.wabas.deleteTemplate(TOKEN, WABA_ID, { hsm_ids: ["1", "2"] });
    expect(lastRequest(server).query.get("hsm_ids")).toBe('["1","2"]');
    expect(lastRequest(server).query.has("name")).toBe(false);
  });
});

describe("media", () => {
  it("uploads as multipart with messaging_product, type and file", async () => {
    answerWithMetaExample("POST", "/{Version}/{Phone-Number-ID}/media", "Upload Image JSON");
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const { data } = await client.media.upload(TOKEN, PHONE_ID, {
      data: bytes,
      mimeType: "image/jpeg",
      filename: "pic.jpg",
    });
    expect(data.id).toBeTruthy();
    const req = lastRequest(server);
    expect(String(req.headers["content-type"])).toMatch(/^multipart\/form-data; boundary=/);
    const form = await new Response(new Uint8Array(req.body), {
      headers: { "content-type": String(req.headers["content-type"]) },
    }).formData();
    expect(form.get("messaging_product")).toBe("whatsapp");
    expect(form.get("type")).toBe("image/jpeg");
    const file = form.get("file") as File;
    expect(file.name).toBe("pic.jpg");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
    await expectConforms("/{Version}/{Phone-Number-ID}/media");
  });

  it("reads a media URL scoped to a phone number", async () => {
    const example = {
      ...(openApiExamples("GET", "/{Version}/{Media-ID}", 200)["Retrieve Media URL"] as object),
      url: `${server.baseUrl}/media/blob`,
      sha256: "abc",
    };
    expectOpenApiValid(
      validateOpenApiResponse("GET", `/v23.0/${MEDIA_ID}`, 200, example, { pathTemplate: "/{Version}/{Media-ID}" }),
    );
    server.respond(() => ({ body: example }));
    const { data } = await client.media.get(TOKEN, MEDIA_ID, { phoneNumberId: PHONE_ID });
    expect(data.file_size).toBe("303833");
    expect(lastRequest(server).query.get("phone_number_id")).toBe(PHONE_ID);
    await expectConforms("/{Version}/{Media-ID}", true);
  });

  it("deletes media (the file marks Content-Type as required even on this bodiless DELETE)", async () => {
    answerWithMetaExample("DELETE", "/{Version}/{Media-ID}");
    await client.media.delete(TOKEN, MEDIA_ID, { phoneNumberId: PHONE_ID });
    const req = lastRequest(server);
    expectBearerOnly(req);
    expect(req.body.length).toBe(0);
    expectOnlyGap(await validateCaptured(req, "/{Version}/{Media-ID}"), {
      why: "ContentType header parameter is required on DELETE /{Media-ID}, which has no body",
      require: [/^header:Content-Type: required parameter is missing/],
    });
  });
});

describe("endpoints Meta's OpenAPI file does not describe (validated by our zod schemas only)", () => {
  const undocumented: [string, string][] = [
    ["GET", "/v23.0/oauth/access_token"],
    ["GET", "/v23.0/debug_token"],
    ["POST", "/v23.0/1234567890/uploads"],
    ["POST", "/v23.0/upload:MTphdHRhY2htZW50"],
    ["GET", "/v23.0/upload:MTphdHRhY2htZW50"],
    ["POST", "/v23.0/1234567890/products"],
    ["GET", "/v23.0/1234567890/products"],
    ["POST", "/v23.0/1234567890/items_batch"],
    ["GET", "/v23.0/1234567890/check_batch_request_status"],
  ];
  // Generic node templates such as /{Version}/{Business-ID} match any single id syntactically;
  // what matters is that no template names these edges.
  const genericNode = /^\/\{Version\}\/\{[^}]+\}$/;
  for (const [method, path] of undocumented) {
    it(`${method} ${path}`, () => {
      expect(matchOpenApiPath(method, path).filter((t) => !genericNode.test(t))).toEqual([]);
    });
  }
});
