import { ERROR_CODES, type ErrorCode } from "../errors/index.js";
import type { RouteAccess } from "./principal.js";

/**
 * What `/openapi.json` says beyond the zod schemas: the error answers each route can give, and the
 * documentation of routes whose answers are not JSON from a zod schema (the emulator, redirects,
 * binary downloads), declared in the route's `config.docs`.
 */
export interface RouteDocs {
  /** Error codes the route's own logic answers with, beyond the ones its access and schemas imply. */
  errors?: readonly ErrorCode[];
  /** A body no zod schema validates (the route reads a stream): its content type and JSON schema. */
  body?: { contentType: string; schema: Record<string, unknown>; description?: string };
  /** OpenAPI response objects by status, for answers no zod schema describes. */
  responses?: Record<string, OpenApiResponse>;
}

export interface OpenApiResponse {
  description: string;
  content?: Record<string, { schema: Record<string, unknown> }>;
  headers?: Record<string, { description?: string; schema: Record<string, unknown> }>;
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** Documentation only (see RouteDocs); nothing here changes how the route answers. */
    docs?: RouteDocs;
  }
}

/** The error envelope every Wharf error answers with (`docs/errors.md`). */
export const ERROR_ENVELOPE_SCHEMA = {
  type: "object",
  required: ["error"],
  additionalProperties: false,
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "requestId"],
      additionalProperties: false,
      properties: {
        code: { type: "string", enum: Object.keys(ERROR_CODES), description: "A code of docs/errors.md" },
        message: { type: "string", description: "What happened and what to do next" },
        requestId: { type: "string", description: "Also in the x-request-id header" },
        details: {
          description: "Per-field problems for VALIDATION_FAILED",
          type: "array",
          items: {
            type: "object",
            properties: { field: { type: "string" }, message: { type: "string" } },
            required: ["field", "message"],
          },
        },
      },
    },
  },
} as const;

interface RouteShape {
  access: RouteAccess | undefined;
  hasBody: boolean;
  hasInput: boolean;
  hasParams: boolean;
  docs: RouteDocs | undefined;
}

/** The error codes a route can answer with, from what the framework enforces plus its declared ones. */
export function errorCodesOf(route: RouteShape): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  if (route.hasInput) codes.add("VALIDATION_FAILED");
  if (route.hasBody) {
    codes.add("MALFORMED_JSON");
    codes.add("PAYLOAD_TOO_LARGE");
    codes.add("UNSUPPORTED_MEDIA_TYPE");
  }
  const access = route.access;
  if (access !== undefined && access !== "public") {
    codes.add("UNAUTHENTICATED");
    if (access !== "operator") codes.add("CSRF_TOKEN_INVALID");
    if (Array.isArray(access)) codes.add("FORBIDDEN");
  }
  if (route.hasParams) codes.add("NOT_FOUND");
  for (const code of route.docs?.errors ?? []) codes.add(code);
  return [...codes];
}

/** OpenAPI responses for those codes, one per status, each listing its codes. */
export function errorResponses(codes: readonly ErrorCode[]): Record<string, OpenApiResponse> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = ERROR_CODES[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<string, OpenApiResponse> = {};
  for (const [status, list] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    const envelope = structuredClone(ERROR_ENVELOPE_SCHEMA) as unknown as {
      properties: { error: { properties: { code: Record<string, unknown> } } };
    };
    envelope.properties.error.properties.code = { type: "string", enum: list };
    out[String(status)] = {
      description: `Error: ${list.join(", ")} (docs/errors.md)`,
      content: { "application/json": { schema: envelope } },
    };
  }
  return out;
}

/** `config.docs.responses` of a route that answers 204 with no body. */
export const NO_CONTENT: Record<string, OpenApiResponse> = { "204": { description: "Done; no body" } };

/** `config.docs.responses` of a route that sends the browser on (302). */
export function redirectTo(where: string): Record<string, OpenApiResponse> {
  return { "302": { description: `Redirect to ${where}`, headers: { location: { schema: { type: "string" } } } } };
}
