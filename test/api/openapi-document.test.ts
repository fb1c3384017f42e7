import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Json } from "../support/json.js";
import { startWharf, type StartedWharf } from "../support/wharf.js";

// The OpenAPI Initiative's schema for 3.1 documents (spec.openapis.org/oas/3.1/schema/2022-10-07).
// Ajv resolves its `$dynamicRef: "#meta"` (a Schema Object, extensible by a dialect) to the
// document's root; without a dialect it means the `schema` definition, so that is what it points at.
// Each Schema Object is then compiled as JSON Schema 2020-12 on its own below.
const OAS_31_SCHEMA = JSON.parse(
  readFileSync(new URL("../fixtures/openapi-3.1-schema.json", import.meta.url), "utf8").replaceAll(
    '"$dynamicRef": "#meta"',
    '"$ref": "#/$defs/schema"',
  ),
) as Record<string, unknown>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

let w: StartedWharf;
let spec: Json;
beforeAll(async () => {
  w = await startWharf();
  spec = await fetch(`${w.url}/openapi.json`).then((r) => r.json());
});
afterAll(() => w?.close());

const METHODS = ["get", "post", "put", "patch", "delete"];
function operations(): Array<{ path: string; method: string; op: Json }> {
  const out: Array<{ path: string; method: string; op: Json }> = [];
  for (const [path, item] of Object.entries(spec.paths as Record<string, Json>))
    for (const method of METHODS) if (item[method]) out.push({ path, method, op: item[method] });
  return out;
}
/**
 * `{}`, or an object that names nothing and takes anything (what `z.object({}).passthrough()`
 * gives), here or in any property or item of it. A record (`propertyNames`) names its keys' kind;
 * a described `{}` inside an answer is free-form JSON said to be so.
 */
const emptyParts = (schema: Json, at = ""): string[] => {
  // Free-form JSON inside an answer is fine when it says what it holds (Meta's objects, as sent).
  const keys = Object.keys((schema ?? {}) as object);
  if (keys.length === 0 || (at === "" && keys.every((k) => k === "description"))) return [at || "(root)"];
  const props = Object.entries((schema.properties ?? {}) as Record<string, Json>);
  const named = ["oneOf", "anyOf", "allOf", "const", "enum", "propertyNames"].some((k) => schema[k] !== undefined);
  const extra = schema.additionalProperties;
  const open = extra === undefined || extra === true || (typeof extra === "object" && Object.keys(extra).length === 0);
  if (schema.type === "object" && props.length === 0 && !named && open) return [at || "(root)"];
  return [
    ...props.flatMap(([name, sub]) => emptyParts(sub, `${at}.${name}`)),
    ...(schema.items ? emptyParts(schema.items, `${at}[]`) : []),
  ];
};

describe("/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document whose schemas compile as JSON Schema 2020-12", () => {
    expect(spec.openapi).toBe("3.1.0");
    const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true, validateFormats: false }));
    const validate = ajv.compile(OAS_31_SCHEMA);
    expect(validate(spec) ? [] : validate.errors).toEqual([]);
    const schemaAjv = new Ajv2020({ strict: false });
    for (const { path, method, op } of operations()) {
      const schemas = [
        ...Object.values((op.requestBody?.content ?? {}) as Record<string, Json>).map((c) => c.schema),
        ...Object.values(op.responses as Record<string, Json>).flatMap((r) =>
          Object.values((r.content ?? {}) as Record<string, Json>).map((c) => c.schema),
        ),
      ];
      for (const schema of schemas)
        expect(schemaAjv.validateSchema(schema as object) ? [] : schemaAjv.errors, `${method} ${path}`).toEqual([]);
    }
  });

  it("gives every route a described answer: no empty response schema, no 'Default Response'", () => {
    const problems: string[] = [];
    for (const { path, method, op } of operations())
      for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
        if (response.description === "Default Response") problems.push(`${method} ${path} ${status}: undescribed`);
        for (const [type, media] of Object.entries((response.content ?? {}) as Record<string, Json>))
          // The emulator answers as Meta does; its shapes are Meta's reference (see route-docs.ts).
          if (!path.startsWith("/_meta"))
            for (const part of emptyParts(media.schema))
              problems.push(`${method} ${path} ${status} ${type}: empty schema at ${part}`);
        if (status.startsWith("2") && status !== "204" && !response.content)
          problems.push(`${method} ${path} ${status}: no content`);
      }
    for (const { path, method, op } of operations())
      if (!Object.keys(op.responses as object).some((s) => /^[23]/.test(s)))
        problems.push(`${method} ${path}: no success answer`);
    expect(problems).toEqual([]);
  });

  it("gives every /v1 route taking a body its schema; the actions that take none are these", () => {
    // An action acts on what the path names and reads no body. A new route that takes one declares it
    // (zod `body`, or `config.docs.body` for a raw stream); one that takes none is added here.
    const BODILESS = [
      "post /v1/auth/invitations/{id}/accept",
      "post /v1/auth/logout",
      "post /v1/automations/{id}/enable",
      "post /v1/automations/{id}/pause",
      "post /v1/campaigns/{id}/cancel",
      "post /v1/campaigns/{id}/pause",
      "post /v1/campaigns/{id}/resume",
      "post /v1/catalog/sync",
      "post /v1/connection/360dialog/prepare",
      "post /v1/connection/check",
      "post /v1/conversations/{id}/read",
      "post /v1/phone-numbers/sync",
      "post /v1/phone-numbers/{id}/deactivate",
      "post /v1/phone-numbers/{id}/deregister",
      "post /v1/templates/sync",
      "post /v1/webhook-endpoints/{id}/deliveries/{deliveryId}/retry",
      "put /v1/catalog/commerce/link",
    ];
    const without = operations()
      .filter(
        ({ path, method, op }) =>
          path.startsWith("/v1/") && ["post", "put", "patch"].includes(method) && !op.requestBody,
      )
      .map(({ path, method }) => `${method} ${path}`)
      .sort();
    expect(without).toEqual(BODILESS);
    const unschemed = operations()
      .filter(({ path, op }) => path.startsWith("/v1/") && op.requestBody)
      .filter(({ op }) =>
        Object.values((op.requestBody.content ?? {}) as Record<string, Json>).some(
          (c) => !c.schema || emptyParts(c.schema).length > 0,
        ),
      )
      .map(({ path, method }) => `${method} ${path}`);
    expect(unschemed).toEqual([]);
  });

  it("lists the error envelope for each route's errors", () => {
    const missing: string[] = [];
    for (const { path, method, op } of operations()) {
      if (path.startsWith("/_meta")) continue;
      const secured = op["x-wharf-access"] !== undefined && op["x-wharf-access"] !== "public";
      if (secured && !op.responses["401"]) missing.push(`${method} ${path}: 401`);
      if (Array.isArray(op["x-wharf-access"]) && !op.responses["403"]) missing.push(`${method} ${path}: 403`);
      if (op.parameters?.some((p: Json) => p.in === "path") && !op.responses["404"])
        missing.push(`${method} ${path}: 404`);
      if (op.requestBody && !op.responses["400"]) missing.push(`${method} ${path}: 400`);
    }
    expect(missing).toEqual([]);
    const forbidden = spec.paths["/v1/messages"].post.responses["403"];
    expect(forbidden.description).toContain("FORBIDDEN");
    expect(forbidden.content["application/json"].schema.properties.error.required).toEqual([
      "code",
      "message",
      "requestId",
    ]);
    // Send rules refuse with 422 and say which rule.
    expect(spec.paths["/v1/messages"].post.responses["422"].description).toContain("WINDOW_CLOSED");
  });

  it("documents POST /v1/messages as one shape per message type, each with an example", () => {
    const body = spec.paths["/v1/messages"].post.requestBody.content["application/json"];
    const branches = body.schema.oneOf as Json[];
    const types = branches.map((b) => (b.properties.type.const ?? b.properties.type.enum[0]) as string).sort();
    expect(types).toEqual(
      [
        "audio",
        "contacts",
        "document",
        "image",
        "interactive",
        "location",
        "reaction",
        "sticker",
        "template",
        "text",
        "video",
      ].sort(),
    );
    const text = branches.find((b) => b.properties.type.enum?.[0] === "text" || b.properties.type.const === "text");
    expect(text.required).toContain("text");
    expect(text.properties.text.required).toEqual(["body"]);
    expect(Object.keys(body.examples as object).sort()).toEqual(types);
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(body.schema as object);
    for (const [name, example] of Object.entries(body.examples as Record<string, Json>))
      expect(validate(example.value) ? [] : validate.errors, name).toEqual([]);
    expect(validate({ from: "pn_1", to: "+15551234567", type: "text", text: "hello" })).toBe(false);
  });

  it("tags and summarises the emulator's routes", () => {
    const untagged = operations()
      .filter(({ op }) => !op.tags?.length || op.tags.includes("default") || !op.summary)
      .map(({ method, path }) => `${method} ${path}`);
    expect(untagged).toEqual([]);
    const control = spec.paths["/_meta/_emulator/inbound"].post;
    expect(control.tags[0]).toMatch(/^emulator/);
  });
});
