import type { FastifyRequest } from "fastify";
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
