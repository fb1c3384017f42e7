import type { FastifyRequest } from "fastify";
import type { z } from "zod";
import { graphErrors } from "../core/meta-errors.js";

/**
 * Graph reads parameters from the query string and the body alike (JSON or form-encoded), so
 * `POST /{app_id}/uploads?file_name=...` and a JSON body work the same. Body values win.
 */
export function allParams(request: FastifyRequest): Record<string, unknown> {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const body = request.body;
  if (body && typeof body === "object" && !Buffer.isBuffer(body))
    return { ...query, ...(body as Record<string, unknown>) };
  return { ...query };
}

export function stringParam(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw graphErrors.invalidParameter(`Param ${name} must be a string.`);
}

export function requireString(params: Record<string, unknown>, name: string): string {
  const value = stringParam(params, name);
  if (value === undefined) throw graphErrors.requiredParameter(name);
  return value;
}

/** Form-encoded requests carry JSON values as strings (e.g. `components`, `requests`). */
export function jsonParam(params: Record<string, unknown>, name: string): unknown {
  const value = params[name];
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    throw graphErrors.invalidParameter(`Param ${name} must be a JSON array or object.`);
  }
}

export function intParam(params: Record<string, unknown>, name: string): number | undefined {
  const raw = stringParam(params, name);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw graphErrors.invalidParameter(`Param ${name} must be a non-negative integer.`);
  return Number(raw);
}

/** Parameters that authenticate a call rather than describe it: never part of a request body's shape. */
export function deleteAuthParams(params: Record<string, unknown>): void {
  delete params["access_token"];
  delete params["appsecret_proof"];
}

/** How a field's text (from a query string or a form body) becomes the value its schema expects. */
type FieldKind = "text" | "number" | "boolean" | "json";
export type FieldKinds = ReadonlyMap<string, FieldKind>;

function kindOf(schema: z.ZodType): FieldKind {
  let def = schema._zod.def as { type: string; innerType?: z.ZodType };
  while (["optional", "nullable", "default", "readonly"].includes(def.type) && def.innerType)
    def = def.innerType._zod.def;
  if (["string", "enum", "literal", "template_literal"].includes(def.type)) return "text";
  if (def.type === "number" || def.type === "int") return "number";
  if (def.type === "boolean") return "boolean";
  return "json";
}

/** The kind of every top-level field of the given request schemas (the options of a union included). */
export function fieldKinds(...schemas: readonly z.ZodObject[]): FieldKinds {
  const kinds = new Map<string, FieldKind>();
  for (const schema of schemas)
    for (const [name, field] of Object.entries(schema.shape)) kinds.set(name, kindOf(field as z.ZodType));
  return kinds;
}

function decode(name: string, raw: unknown, kind: FieldKind | undefined): unknown {
  if (typeof raw !== "string") return raw;
  if (kind === "number") return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (kind === "boolean") return raw === "true" ? true : raw === "false" ? false : raw;
  if (kind !== "json" || !/^\s*[[{]/.test(raw)) return raw;
  try {
    return JSON.parse(raw);
  } catch {
    throw graphErrors.invalidParameter(`Param ${name} must be a JSON array or object.`);
  }
}

function isEmpty(record: Record<string, unknown>): boolean {
  for (const _ in record) return false;
  return true;
}

const isForm = (request: FastifyRequest) =>
  String(request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded");

/**
 * A request's parameters typed the way Graph reads them, wherever they came from: a JSON body's
 * values are already typed; a query-string or form-encoded value is text, and becomes the
 * object, array, number or boolean its field takes. That is how public client libraries call
 * Graph: facebook-python-business-sdk (facebook_business/api.py, `_top_level_param_json_encode`)
 * posts form fields with every object, list and boolean JSON-encoded, and Facebook's PHP SDK
 * posts form fields too. Authentication parameters are left out. A JSON body with no query
 * parameters (how Wharf calls) is answered as is, without copying.
 */
export function typedParams(request: FastifyRequest, kinds: FieldKinds): Record<string, unknown> {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const body = request.body;
  const form = isForm(request);
  const json = !form && body && typeof body === "object" && !Buffer.isBuffer(body) && !Array.isArray(body);
  if (json && isEmpty(query) && !("access_token" in body) && !("appsecret_proof" in body))
    return body as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(query)) out[name] = decode(name, raw, kinds.get(name));
  if (json) Object.assign(out, body);
  else if (form && body && typeof body === "object")
    for (const [name, raw] of Object.entries(body as Record<string, unknown>))
      out[name] = decode(name, raw, kinds.get(name));
  deleteAuthParams(out);
  return out;
}
