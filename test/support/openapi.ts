/**
 * Validate HTTP traffic against Meta's official OpenAPI description of the WhatsApp Business
 * Platform (`test/fixtures/meta-openapi/business-messaging-api_v23.0.yaml`, MIT, spec tag
 * 2025-10-21). The 1 MB YAML is parsed once per process, on first use; validators are compiled
 * lazily per schema and cached.
 *
 * Exported functions (each returns an `OpenApiResult`, never throws on invalid input):
 *
 * - `validateOpenApiRequest(method, concretePath, body, options?)`: match a concrete path such as
 *   `/v23.0/123/messages` to its template (`/{Version}/{Phone-Number-ID}/messages`), then check
 *   path parameters, and optionally `options.query` and `options.headers` (required ones, patterns,
 *   enums), and the body against the request schema for `options.contentType` (default
 *   `application/json`; parameters such as `; boundary=` are ignored). Pass `body: undefined` for
 *   requests without one.
 * - `validateOpenApiResponse(method, concretePath, status, body, options?)`: the body against the
 *   response schema of that status (falling back to `2XX` style keys, then `default`).
 * - `validateOpenApiWebhook(body)`: a webhook POST body against `/whatsapp/webhooks`'s schema;
 *   changes for fields the file does not describe make the result `undocumented`.
 * - `validateOpenApiSchema(name, value)`: against `#/components/schemas/<name>` (for bodies the
 *   paths do not reference, e.g. `MarkMessageRequestPayload`).
 * - `openApiExamples(method, pathTemplate, "request" | <status>)`: Meta's named examples.
 * - `matchOpenApiPath(method, concretePath)`: the candidate templates, best first.
 * - `expectOpenApiValid(result, label?)`: throws a readable Error unless `result.ok`.
 *
 * `OpenApiResult` is `{ ok, errors, template?, undocumented?, ambiguous? }`. When the file does
 * not describe the path, the method, the status or the body's content type, `undocumented` is
 * true and `ok` is false: nothing was validated. Several GETs share `/{Version}/{Some-ID}`
 * (phone number, media, template, WABA...); such a path is reported `ambiguous` with the
 * candidates unless `options.pathTemplate` names the one meant.
 *
 * Conventions of the file handled here (it declares `openapi: 3.1.0`, i.e. JSON Schema 2020-12):
 * - `nullable: true` (an OpenAPI 3.0 leftover, used once) becomes a `"null"` type.
 * - `discriminator` + `mapping` becomes one `if/then` per mapped value, so a wrong `type`
 *   yields one precise error instead of eleven failed `oneOf` branches.
 * - `additionalProperties: false` inside an `allOf` member (the file's way to close a message
 *   type that extends `BaseMessageProperties`) would reject the base's own properties under
 *   plain JSON Schema; it is turned into `unevaluatedProperties: false` on the `allOf` owner,
 *   which is what the authors meant.
 * - `example`, `examples`, `x-*` are annotations; unknown formats are not enforced.
 * The file is validated as written otherwise, including its gaps: see the graph tests for the
 * ones that affect Wharf (e.g. no `cta_url` interactive type, no `biz_opaque_callback_data`).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";

export interface OpenApiIssue {
  /** JSON pointer into the validated value (`/interactive/type`), or a parameter name. */
  path: string;
  message: string;
}

export interface OpenApiResult {
  ok: boolean;
  errors: OpenApiIssue[];
  /** The templated path that was used. */
  template?: string;
  /** The file does not describe this path / method / status / content type. */
  undocumented?: boolean;
  /** Several templates match; pass `options.pathTemplate`. */
  ambiguous?: string[];
}

export interface RequestOptions {
  pathTemplate?: string;
  query?: Record<string, string> | URLSearchParams;
  headers?: Record<string, string | undefined> | Headers;
  contentType?: string;
}

export const META_OPENAPI_FILE = fileURLToPath(
  new URL("../fixtures/meta-openapi/business-messaging-api_v23.0.yaml", import.meta.url),
);

type Json = Record<string, unknown>;
type Method = "get" | "post" | "put" | "patch" | "delete";
interface Param {
  name: string;
  in: string;
  required?: boolean;
  schema?: Json;
}
interface Route {
  template: string;
  segments: string[];
  item: Json;
}

const SPEC_ID = "https://wharf.invalid/meta-openapi.json";
const ANNOTATIONS = new Set(["example", "examples"]);
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => void;

/** Rewrites the file's OpenAPI-isms into plain JSON Schema 2020-12, in place. */
function normalize(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(normalize);
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) if (!ANNOTATIONS.has(key)) normalize(value);

  if (node.nullable === true) {
    delete node.nullable;
    if (typeof node.type === "string") node.type = [node.type, "null"];
    if (Array.isArray(node.enum)) node.enum = [...node.enum, null];
  }
  const disc = node.discriminator;
  if (isObject(disc) && typeof disc.propertyName === "string" && isObject(disc.mapping) && Array.isArray(node.oneOf)) {
    const prop = disc.propertyName;
    const mapping = disc.mapping as Record<string, string>;
    delete node.discriminator;
    delete node.oneOf;
    node.required = [...new Set([...((node.required as string[]) ?? []), prop])];
    node.properties = { ...(node.properties ?? {}), [prop]: { enum: Object.keys(mapping) } };
    node.allOf = [
      ...((node.allOf as unknown[]) ?? []),
      ...Object.entries(mapping).map(([value, ref]) => ({
        if: { properties: { [prop]: { const: value } }, required: [prop] },
        then: { $ref: ref.startsWith("#/") ? SPEC_ID + ref : ref },
      })),
    ];
  }
  if (typeof node.$ref === "string" && node.$ref.startsWith("#/")) node.$ref = SPEC_ID + node.$ref; // resolvable from any compiled fragment
  if (Array.isArray(node.allOf)) {
    for (const member of node.allOf) {
      if (isObject(member) && member.additionalProperties === false && member.$ref === undefined) {
        delete member.additionalProperties;
        node.unevaluatedProperties = false;
      }
    }
  }
}

/**
 * Erratum, applied before anything else. The file was merged from several specs; the webhook one
 * (component schemas `WebhookPayload` through `SystemMessage`, in file order) had its inbound
 * `TextMessage`, `BaseMessageProperties`, `ErrorObject`... renamed to `TextMessage_2`,
 * `BaseMessageProperties_1`, `ErrorObject_2`... to avoid clashing with the send-side schemas, but
 * its own `$ref`s were not updated: as written, an inbound text message must have `to` and
 * `recipient_type`, and every one of Meta's webhook examples fails. Inside that block, a `$ref`
 * to a name defined outside it is re-pointed to its single suffixed twin inside it.
 */
function repairWebhookRefs(doc: Json): void {
  const schemas = (doc.components as Json).schemas as Json;
  const names = Object.keys(schemas);
  const block = new Set(names.slice(names.indexOf("WebhookPayload"), names.indexOf("SystemMessage") + 1));
  if (block.size < 2) return;
  const twin = (name: string) => {
    const found = [...block].filter((n) => new RegExp(`^${name}_\\d+$`).test(n));
    return !block.has(name) && found.length === 1 ? found[0] : undefined;
  };
  const repoint = (ref: unknown) => {
    const name = typeof ref === "string" ? /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1] : undefined;
    const to = name === undefined ? undefined : twin(name);
    return to === undefined ? ref : `#/components/schemas/${to}`;
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node)) return;
    if ("$ref" in node) node.$ref = repoint(node.$ref);
    const disc = node.discriminator;
    if (isObject(disc) && isObject(disc.mapping))
      for (const k of Object.keys(disc.mapping)) disc.mapping[k] = repoint(disc.mapping[k]);
    for (const [key, value] of Object.entries(node)) if (!ANNOTATIONS.has(key)) visit(value);
  };
  for (const name of block) visit(schemas[name]);
}

interface Loaded {
  ajv: Ajv2020;
  doc: Json;
  routes: Route[];
  validators: Map<string, ValidateFunction>;
}
let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded) return loaded;
  const doc = parse(readFileSync(META_OPENAPI_FILE, "utf8")) as Json;
  repairWebhookRefs(doc);
  normalize(doc);
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, logger: false });
  addFormats(ajv);
  ajv.addSchema({ ...doc, $id: SPEC_ID }, SPEC_ID);
  const routes = Object.entries(doc.paths as Json).map(([template, item]) => ({
    template,
    segments: template.split("/").filter(Boolean),
    item: item as Json,
  }));
  loaded = { ajv, doc, routes, validators: new Map() };
  return loaded;
}

const pointer = (parts: readonly string[]) =>
  "#" + parts.map((p) => "/" + encodeURIComponent(p.replace(/~/g, "~0").replace(/\//g, "~1"))).join("");

function validatorAt(parts: readonly string[]): ValidateFunction {
  const { ajv, validators } = load();
  const ref = pointer(parts);
  let v = validators.get(ref);
  if (!v) {
    v = ajv.compile({ $ref: SPEC_ID + ref });
    validators.set(ref, v);
  }
  return v;
}

function issues(errors: ErrorObject[] | null | undefined, prefix = ""): OpenApiIssue[] {
  return (errors ?? [])
    .filter((e) => e.keyword !== "if")
    .map((e) => {
      const extra =
        e.keyword === "unevaluatedProperties" || e.keyword === "additionalProperties"
          ? ` (${JSON.stringify(e.params)})`
          : "";
      const allowed =
        e.keyword === "enum" ? ` ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}` : "";
      return { path: prefix + e.instancePath, message: `${e.message ?? e.keyword}${allowed}${extra}` };
    });
}

function resolveRef<T>(value: unknown): T {
  const ref = isObject(value) && typeof value.$ref === "string" ? value.$ref.replace(SPEC_ID, "") : undefined;
  if (ref?.startsWith("#/")) {
    const target = ref
      .slice(2)
      .split("/")
      .reduce<unknown>((o, k) => (isObject(o) ? o[k.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined), load().doc);
    return resolveRef<T>(target);
  }
  return value as T;
}

function paramsOf(route: Route, method: Method): Param[] {
  const op = route.item[method];
  const all = [
    ...((route.item.parameters as unknown[]) ?? []),
    ...((isObject(op) ? (op.parameters as unknown[]) : undefined) ?? []),
  ];
  const byKey = new Map<string, Param>();
  for (const p of all.map((x) => resolveRef<Param>(x))) if (isObject(p)) byKey.set(`${p.in}:${p.name}`, p);
  return [...byKey.values()];
}

const paramValidators = new WeakMap<Json, ValidateFunction>();
function schemaAccepts(schema: Json | undefined, value: unknown): boolean {
  if (!schema) return true;
  let validate = paramValidators.get(schema);
  if (!validate) {
    validate = load().ajv.compile(schema);
    paramValidators.set(schema, validate);
  }
  return validate(value) === true;
}

/** Candidate templates for a concrete path, best (most literal segments) first. */
export function matchOpenApiPath(method: string, concretePath: string): string[] {
  const m = method.toLowerCase() as Method;
  const segs = concretePath.split("?")[0]!.split("/").filter(Boolean).map(decodeURIComponent);
  const scored: { template: string; literals: number }[] = [];
  for (const route of load().routes) {
    if (route.segments.length !== segs.length || !isObject(route.item[m])) continue;
    const pathParams = new Map(
      paramsOf(route, m)
        .filter((p) => p.in === "path")
        .map((p) => [p.name, p]),
    );
    let literals = 0;
    const fits = route.segments.every((seg, i) => {
      const param = /^\{(.+)\}$/.exec(seg)?.[1];
      if (param === undefined) return seg === segs[i] && ++literals > 0;
      return schemaAccepts(pathParams.get(param)?.schema, segs[i]);
    });
    if (fits) scored.push({ template: route.template, literals });
  }
  const best = Math.max(...scored.map((s) => s.literals));
  return scored.filter((s) => s.literals === best).map((s) => s.template);
}

function findRoute(method: string, concretePath: string, pinned: string | undefined): { route: Route } | OpenApiResult {
  const candidates = matchOpenApiPath(method, concretePath);
  const chosen = pinned ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (
    pinned !== undefined &&
    !candidates.includes(pinned) &&
    !matchOpenApiPathLoose(method, concretePath).includes(pinned)
  ) {
    return {
      ok: false,
      undocumented: true,
      errors: [{ path: concretePath, message: `${pinned} does not match ${method} ${concretePath}` }],
    };
  }
  if (chosen === undefined && candidates.length > 1) {
    return {
      ok: false,
      ambiguous: candidates,
      errors: [{ path: concretePath, message: `ambiguous: ${candidates.join(", ")}` }],
    };
  }
  const route = load().routes.find((r) => r.template === chosen);
  if (!route)
    return {
      ok: false,
      undocumented: true,
      errors: [{ path: concretePath, message: `no ${method.toUpperCase()} operation for this path` }],
    };
  return { route };
}

/** Matches pinned templates with fewer literal segments than the best candidate. */
function matchOpenApiPathLoose(method: string, concretePath: string): string[] {
  const segs = concretePath.split("?")[0]!.split("/").filter(Boolean);
  return load()
    .routes.filter((r) => r.segments.length === segs.length && isObject(r.item[method.toLowerCase()]))
    .filter((r) => r.segments.every((s, i) => /^\{.+\}$/.test(s) || s === segs[i]))
    .map((r) => r.template);
}

function coerce(schema: Json | undefined, raw: string): unknown {
  const type = schema?.type;
  if ((type === "integer" || type === "number") && raw.trim() !== "" && !Number.isNaN(Number(raw))) return Number(raw);
  if (type === "boolean" && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

function checkParams(route: Route, method: Method, concretePath: string, options: RequestOptions): OpenApiIssue[] {
  const out: OpenApiIssue[] = [];
  const segs = concretePath.split("?")[0]!.split("/").filter(Boolean).map(decodeURIComponent);
  const query = options.query instanceof URLSearchParams ? Object.fromEntries(options.query) : options.query;
  const headers = new Map<string, string>();
  const rawHeaders = options.headers instanceof Headers ? Object.fromEntries(options.headers) : (options.headers ?? {});
  for (const [k, v] of Object.entries(rawHeaders)) if (v !== undefined) headers.set(k.toLowerCase(), v);

  for (const p of paramsOf(route, method)) {
    let raw: string | undefined;
    if (p.in === "path") raw = segs[route.segments.indexOf(`{${p.name}}`)];
    else if (p.in === "query" && query) raw = query[p.name];
    else if (p.in === "header" && options.headers) raw = headers.get(p.name.toLowerCase());
    else continue;
    if (p.in === "header" && p.name.toLowerCase() === "content-type" && raw !== undefined)
      raw = raw.split(";")[0]!.trim();
    const label = `${p.in}:${p.name}`;
    if (raw === undefined) {
      if (p.required) out.push({ path: label, message: "required parameter is missing" });
      continue;
    }
    const ok = schemaAccepts(p.schema, coerce(p.schema, raw));
    if (!ok)
      out.push({
        path: label,
        message: `value ${JSON.stringify(raw.slice(0, 60))} violates ${JSON.stringify(p.schema)}`,
      });
  }
  return out;
}

function checkBody(
  parts: string[],
  content: unknown,
  contentType: string,
  body: unknown,
): OpenApiResult | OpenApiIssue[] {
  const media = contentType.split(";")[0]!.trim().toLowerCase();
  if (!isObject(content) || !isObject(content[media]) || !isObject(content[media].schema)) {
    return { ok: false, undocumented: true, errors: [{ path: "", message: `no ${media} schema described` }] };
  }
  const validate = validatorAt([...parts, "content", media, "schema"]);
  return validate(body) ? [] : issues(validate.errors);
}

export function validateOpenApiRequest(
  method: string,
  concretePath: string,
  body: unknown,
  options: RequestOptions = {},
): OpenApiResult {
  const found = findRoute(method, concretePath, options.pathTemplate);
  if (!("route" in found)) return found;
  const m = method.toLowerCase() as Method;
  const { route } = found;
  const errors = checkParams(route, m, concretePath, options);
  const requestBody = resolveRef<Json | undefined>((route.item[m] as Json).requestBody);
  if (body !== undefined) {
    if (!requestBody)
      return {
        ok: false,
        undocumented: true,
        template: route.template,
        errors: [{ path: "", message: "no request body described" }],
      };
    const checked = checkBody(
      ["paths", route.template, m, "requestBody"],
      requestBody.content,
      options.contentType ?? "application/json",
      body,
    );
    if (!Array.isArray(checked)) return { ...checked, template: route.template };
    errors.push(...checked);
  } else if (requestBody?.required === true) {
    errors.push({ path: "", message: "request body is required" });
  }
  return { ok: errors.length === 0, errors, template: route.template };
}

export function validateOpenApiResponse(
  method: string,
  concretePath: string,
  status: number,
  body: unknown,
  options: { pathTemplate?: string; contentType?: string } = {},
): OpenApiResult {
  const found = findRoute(method, concretePath, options.pathTemplate);
  if (!("route" in found)) return found;
  const m = method.toLowerCase() as Method;
  const responses = ((found.route.item[m] as Json).responses ?? {}) as Json;
  const key = [String(status), `${String(status)[0]}XX`, `${String(status)[0]}xx`, "default"].find(
    (k) => k in responses,
  );
  if (key === undefined) {
    return {
      ok: false,
      undocumented: true,
      template: found.route.template,
      errors: [{ path: "", message: `no ${status} response described` }],
    };
  }
  const response = resolveRef<Json>(responses[key]);
  const parts =
    isObject(responses[key]) && typeof responses[key].$ref === "string"
      ? responses[key].$ref
          .replace(SPEC_ID, "")
          .slice(2)
          .split("/")
          .map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"))
      : ["paths", found.route.template, m, "responses", key];
  const checked = checkBody(parts, response.content, options.contentType ?? "application/json", body);
  if (!Array.isArray(checked)) return { ...checked, template: found.route.template };
  return { ok: checked.length === 0, errors: checked, template: found.route.template };
}

/**
 * The file describes only some webhook fields (`Change.field` enum: `messages` and the group
 * fields). A change for any other field (`message_template_status_update`, `account_update`...)
 * is reported as undocumented rather than as a violation.
 */
export function validateOpenApiWebhook(body: unknown): OpenApiResult {
  const described = (
    ((load().doc.components as Json).schemas as Json).Change as { properties?: { field?: { enum?: string[] } } }
  ).properties?.field?.enum;
  const entries = isObject(body) && Array.isArray(body.entry) ? body.entry : [];
  const unknown: OpenApiIssue[] = [];
  entries.forEach((entry: unknown, i: number) => {
    const changes = isObject(entry) && Array.isArray(entry.changes) ? entry.changes : [];
    changes.forEach((change: unknown, j: number) => {
      const field = isObject(change) ? change.field : undefined;
      if (typeof field === "string" && described && !described.includes(field)) {
        unknown.push({ path: `/entry/${i}/changes/${j}/field`, message: `webhook field "${field}" is not described` });
      }
    });
  });
  if (unknown.length > 0) return { ok: false, undocumented: true, errors: unknown, template: "/whatsapp/webhooks" };
  return validateOpenApiRequest("POST", "/whatsapp/webhooks", body);
}

export function validateOpenApiSchema(name: string, value: unknown): OpenApiResult {
  const schemas = load().doc.components as Json;
  if (!isObject(schemas.schemas) || !(name in schemas.schemas)) {
    return { ok: false, undocumented: true, errors: [{ path: "", message: `no component schema ${name}` }] };
  }
  const validate = validatorAt(["components", "schemas", name]);
  const ok = validate(value) === true;
  return { ok, errors: ok ? [] : issues(validate.errors), template: `#/components/schemas/${name}` };
}

/** Meta's named examples for a request body (`"request"`) or a response status. */
export function openApiExamples(method: string, pathTemplate: string, of: "request" | number): Record<string, unknown> {
  const op = (load().routes.find((r) => r.template === pathTemplate)?.item[method.toLowerCase()] ?? {}) as Json;
  const holder =
    of === "request"
      ? resolveRef<Json>(op.requestBody)
      : resolveRef<Json>((op.responses as Json | undefined)?.[String(of)]);
  const media = (holder?.content as Json | undefined)?.["application/json"] as Json | undefined;
  const examples = (media?.examples ?? {}) as Record<string, { value?: unknown }>;
  return Object.fromEntries(
    Object.entries(examples).map(([name, ex]) => [name, resolveRef<{ value?: unknown }>(ex).value]),
  );
}

export function expectOpenApiValid(result: OpenApiResult, label = "value"): void {
  if (result.ok) return;
  const kind = result.undocumented ? "is not described by" : result.ambiguous ? "matches several paths of" : "violates";
  const lines = result.errors.slice(0, 15).map((e) => `  ${e.path || "(root)"}: ${e.message}`);
  throw new Error(
    `${label} ${kind} Meta's OpenAPI file${result.template ? ` (${result.template})` : ""}:\n${lines.join("\n")}`,
  );
}
