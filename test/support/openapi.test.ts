import { describe, expect, it } from "vitest";
import {
  expectOpenApiValid,
  matchOpenApiPath,
  openApiExamples,
  validateOpenApiRequest,
  validateOpenApiResponse,
  validateOpenApiSchema,
  validateOpenApiWebhook,
} from "./openapi.js";

const AUTH = { Authorization: "Bearer EAAGtoken", "Content-Type": "application/json", "User-Agent": "wharf/0.1.0" };
const text = {
  messaging_product: "whatsapp",
  recipient_type: "individual",
  to: "+16505551234",
  type: "text",
  text: { body: "hi" },
};

describe("path matching", () => {
  it("maps a concrete path to its template, literal segments first", () => {
    expect(matchOpenApiPath("POST", "/v23.0/106540352242922/messages")).toEqual([
      "/{Version}/{Phone-Number-ID}/messages",
    ]);
    expect(matchOpenApiPath("GET", "/v23.0/102290129340398/phone_numbers")).toEqual([
      "/{Version}/{WABA-ID}/phone_numbers",
    ]);
  });

  it("applies path parameter patterns (version, numeric ids)", () => {
    expect(matchOpenApiPath("POST", "/latest/106540352242922/register")).toEqual([]);
    expect(matchOpenApiPath("POST", "/v23.0/not-a-number/register")).toEqual([]);
  });

  it("reports a path shared by several operations as ambiguous unless pinned", () => {
    const r = validateOpenApiRequest("GET", "/v23.0/123", undefined);
    expect(r.ok).toBe(false);
    expect(r.ambiguous).toEqual(
      expect.arrayContaining(["/{Version}/{Phone-Number-ID}", "/{Version}/{Media-ID}", "/{Version}/{TEMPLATE_ID}"]),
    );
    expect(
      validateOpenApiRequest("GET", "/v23.0/123", undefined, { pathTemplate: "/{Version}/{Media-ID}" }),
    ).toMatchObject({ ok: true });
  });
});

describe("undocumented is never reported as valid", () => {
  it("unknown path, method, status, content type, or an unexpected body", () => {
    expect(validateOpenApiRequest("GET", "/v23.0/oauth/access_token/extra", undefined)).toMatchObject({
      ok: false,
      undocumented: true,
    });
    expect(validateOpenApiRequest("PUT", "/v23.0/106540352242922/messages", text)).toMatchObject({
      ok: false,
      undocumented: true,
    });
    expect(validateOpenApiResponse("POST", "/v23.0/106540352242922/messages", 418, {})).toMatchObject({
      ok: false,
      undocumented: true,
    });
    expect(
      validateOpenApiRequest("POST", "/v23.0/106540352242922/messages", "x", { contentType: "text/plain" }),
    ).toMatchObject({
      ok: false,
      undocumented: true,
    });
    expect(validateOpenApiRequest("POST", "/v23.0/106540352242922/deregister", { a: 1 })).toMatchObject({
      ok: false,
      undocumented: true,
    });
    expect(validateOpenApiSchema("NoSuchSchema", {})).toMatchObject({ ok: false, undocumented: true });
  });
});

describe("request bodies", () => {
  it("accepts a valid send and rejects a missing required property", () => {
    expectOpenApiValid(validateOpenApiRequest("POST", "/v23.0/1/messages", text, { headers: AUTH }));
    const { to: _to, ...noTo } = text;
    const r = validateOpenApiRequest("POST", "/v23.0/1/messages", noTo);
    expect(r.ok).toBe(false);
    expect(r.errors).toContainEqual({ path: "", message: "must have required property 'to'" });
  });

  it("turns discriminator + mapping into one precise error for an unknown type", () => {
    const r = validateOpenApiRequest("POST", "/v23.0/1/messages", { ...text, type: "hologram" });
    expect(r.errors).toEqual([
      { path: "/type", message: expect.stringMatching(/^must be equal to one of the allowed values/) },
    ]);
  });

  it("closes allOf-extended messages (unevaluatedProperties) without rejecting the base's own fields", () => {
    const r = validateOpenApiRequest("POST", "/v23.0/1/messages", { ...text, surprise: true });
    expect(r.errors.map((e) => e.message)).toEqual([expect.stringContaining('"unevaluatedProperty":"surprise"')]);
  });

  it("honours nullable: true (the file's one OpenAPI 3.0 leftover)", () => {
    const number = { id: "1", display_phone_number: "+1 555", status: "LINKED" };
    expectOpenApiValid(validateOpenApiSchema("WhatsAppBusinessAccountPhoneNumber", { ...number, username: null }));
    expect(validateOpenApiSchema("WhatsAppBusinessAccountPhoneNumber", { ...number, username: 5 }).ok).toBe(false);
  });
});

describe("parameters", () => {
  it("checks required headers and their patterns when headers are given", () => {
    expect(
      validateOpenApiRequest("POST", "/v23.0/1/messages", text, { headers: { ...AUTH, Authorization: "Basic abc" } })
        .errors,
    ).toEqual([{ path: "header:Authorization", message: expect.stringContaining("violates") }]);
    const { Authorization: _a, ...noAuth } = AUTH;
    expect(validateOpenApiRequest("POST", "/v23.0/1/messages", text, { headers: noAuth }).errors).toEqual([
      { path: "header:Authorization", message: "required parameter is missing" },
    ]);
  });

  it("ignores media-type parameters such as charset", () => {
    expectOpenApiValid(
      validateOpenApiRequest("POST", "/v23.0/1/messages", text, {
        headers: { ...AUTH, "Content-Type": "application/json; charset=utf-8" },
      }),
    );
  });

  it("checks query parameters with their types", () => {
    const path = "/v23.0/102290129340398/phone_numbers";
    expectOpenApiValid(
      validateOpenApiRequest("GET", path, undefined, { query: { limit: "100", sort: "creation_time.desc" } }),
    );
    expect(validateOpenApiRequest("GET", path, undefined, { query: { limit: "1000" } }).errors[0]?.path).toBe(
      "query:limit",
    );
    expect(validateOpenApiRequest("GET", path, undefined, { query: { sort: "random" } }).errors[0]?.path).toBe(
      "query:sort",
    );
  });
});

describe("responses", () => {
  it("validates against the schema of the status", () => {
    const ok = openApiExamples("POST", "/{Version}/{Phone-Number-ID}/messages", 200)["Example response"];
    expectOpenApiValid(validateOpenApiResponse("POST", "/v23.0/1/messages", 200, ok));
    expect(validateOpenApiResponse("POST", "/v23.0/1/messages", 200, { messages: "nope" }).ok).toBe(false);
    const error = {
      error: { message: "(#131030) Recipient not allowed", type: "OAuthException", code: 131030, fbtrace_id: "Az8" },
    };
    expectOpenApiValid(validateOpenApiResponse("POST", "/v23.0/1/register", 400, error));
    expect(validateOpenApiResponse("POST", "/v23.0/1/register", 400, { error: { code: "x" } }).ok).toBe(false);
  });
});

describe("webhooks", () => {
  it("accepts every Meta example of an inbound message (after repairing the merged refs)", () => {
    const examples = openApiExamples("POST", "/whatsapp/webhooks", "request");
    const messageExamples = Object.entries(examples).filter(([name]) => !name.startsWith("Group"));
    expect(messageExamples.length).toBe(13);
    for (const [name, body] of messageExamples) expectOpenApiValid(validateOpenApiWebhook(body), name);
  });

  it("validates inbound messages with the inbound base (from, id, timestamp), not the send-side one", () => {
    const body = openApiExamples("POST", "/whatsapp/webhooks", "request")["Text Message"] as {
      entry: { changes: { value: { messages: Record<string, unknown>[] } }[] }[];
    };
    const message = body.entry[0]!.changes[0]!.value.messages[0]!;
    delete message.from;
    const r = validateOpenApiWebhook(body);
    expect(r.ok).toBe(false);
    expect(r.errors.some((e) => e.message === "must have required property 'from'")).toBe(true);
    expect(r.errors.some((e) => e.message.includes("'to'"))).toBe(false);
  });

  it("expectOpenApiValid explains what failed", () => {
    expect(() => expectOpenApiValid(validateOpenApiWebhook({ object: 1 }), "hook")).toThrow(
      /hook violates Meta's OpenAPI file[\s\S]*\/object: must be string/,
    );
  });
});
