import type { FastifyRequest } from "fastify";
import type { App } from "./server.js";
import { constantTimeEqual } from "../crypto/secrets.js";
import { AppError } from "./errors.js";
import type { Principal } from "./principal.js";

export const SESSION_COOKIE = "wharf_session";
export const CSRF_HEADER = "x-csrf-token";

export interface AuthResolvers {
  adminToken: string | null;
  /** A workspace API key to its principal, or null. */
  resolveApiKey(token: string): Promise<Principal | null>;
  /** A session cookie value to its principal, or null when unknown or expired. */
  resolveSession(cookie: string): Promise<Principal | null>;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Resolves who is calling, once per request, before validation or handlers run. Every /v1 route
 * needs a principal unless its config says `public: true`; cookie sessions must also send the CSRF
 * token on anything that changes state (a cross-site form cannot read it).
 */
export function registerAuth(app: App, resolvers: AuthResolvers): void {
  app.decorateRequest("principal", null);
  app.addHook("onRequest", async (request) => {
    request.principal = await resolve(request, resolvers);
    if (!request.url.startsWith("/v1/") && request.url !== "/v1") return;
    if (request.routeOptions.config?.public) return;
    if (!request.principal) {
      const sent = request.headers.authorization !== undefined || request.cookies?.[SESSION_COOKIE] !== undefined;
      throw new AppError("UNAUTHENTICATED", sent ? "The credentials are not valid." : "Send Authorization: Bearer <apiKey>, or log in to the dashboard.");
    }
    const p = request.principal;
    if (p.kind === "session" && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== "string" || !constantTimeEqual(sent, p.csrfToken)) {
        throw new AppError("CSRF_TOKEN_INVALID", "Missing or wrong X-CSRF-Token header; reload the dashboard.");
      }
    }
  });
}

async function resolve(request: FastifyRequest, r: AuthResolvers): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) return null;
    const token = m[1]!;
    if (r.adminToken !== null && constantTimeEqual(token, r.adminToken)) return { kind: "operator" };
    return r.resolveApiKey(token);
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  return cookie ? r.resolveSession(cookie) : null;
}
