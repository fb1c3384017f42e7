import { expect } from "vitest";
import { type OpenApiResult, validateOpenApiRequest } from "../openapi.js";
import { createGraphClient } from "../../../src/graph/client/create-graph-client.js";
import type { CapturedRequest, LocalGraphServer } from "./local-graph-server.js";

/** Test-only glue between the local server, the client and the OpenAPI validator. */

export const TOKEN = "EAAGtestTOKEN0123456789abcdefSECRET";
export const PHONE_ID = "106540352242922";
export const WABA_ID = "102290129340398";

export function clientFor(server: LocalGraphServer, overrides: Partial<Parameters<typeof createGraphClient>[0]> = {}) {
  return createGraphClient({
    baseUrl: server.baseUrl,
    version: "v23.0",
    sleep: async () => {},
    random: () => 0.5,
    ...overrides,
  });
}

export function lastRequest(server: LocalGraphServer): CapturedRequest {
  const req = server.requests.at(-1);
  if (!req) throw new Error("the client made no request");
  return req;
}

function headerRecord(req: CapturedRequest): Record<string, string> {
  return Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]),
  );
}

/** Multipart bodies become `{ field: value }`, files `"<binary>"`, as the OpenAPI schema models them. */
async function bodyOf(req: CapturedRequest): Promise<unknown> {
  const type = String(req.headers["content-type"] ?? "");
  if (!type.startsWith("multipart/form-data")) return req.body.length > 0 ? req.json : undefined;
  const form = await new Response(new Uint8Array(req.body), { headers: { "content-type": type } }).formData();
  return Object.fromEntries([...form.entries()].map(([k, v]) => [k, typeof v === "string" ? v : "<binary>"]));
}

export async function validateCaptured(req: CapturedRequest, pathTemplate?: string): Promise<OpenApiResult> {
  return validateOpenApiRequest(req.method, req.pathname, await bodyOf(req), {
    query: req.query,
    headers: headerRecord(req),
    contentType: String(req.headers["content-type"] ?? "application/json"),
    ...(pathTemplate ? { pathTemplate } : {}),
  });
}

/** Every request carries the token in the header only, never in the URL. */
export function expectBearerOnly(req: CapturedRequest, token = TOKEN): void {
  expect(req.headers.authorization).toBe(`Bearer ${token}`);
  expect(req.url).not.toContain(token);
}

/**
 * A documented gap in Meta's file: every issue must match one of `allow`, and each of `require`
 * must be matched, so any other violation still fails the test.
 */
export interface SpecGap {
  why: string;
  require: RegExp[];
  allow?: RegExp[];
}

export function expectOnlyGap(result: OpenApiResult, gap: SpecGap): void {
  const lines = result.errors.map((e) => `${e.path}: ${e.message}`);
  const allowed = [...gap.require, ...(gap.allow ?? [])];
  expect(
    lines.filter((l) => !allowed.some((r) => r.test(l))),
    gap.why,
  ).toEqual([]);
  for (const r of gap.require)
    expect(
      lines.some((l) => r.test(l)),
      `${gap.why}: expected ${r}`,
    ).toBe(true);
}
