import type { FastifyRequest, RouteOptions } from "fastify";
import type { App } from "./server.js";
import { constantTimeEqual, matchesSecret } from "../crypto/secrets.js";
import { AppError } from "../errors/index.js";
import type { Principal, Role, RouteAccess } from "./principal.js";

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

/** Paths that must declare `config.access`: the whole API. Everything else defaults to public. */
const DECLARED = /^\/v1(\/|$)/;

/**
 * Resolves who is calling, once per request, then applies the matched route's own `access`
 * declaration. The decision reads `request.routeOptions` - the route the router matched after
 * decoding the path - never the raw URL, so `/v%31/users` gets exactly the rules of `/v1/users`.
 * Cookie sessions must also send the CSRF token on every state-changing request to a route that
 * is not public (a cross-site form cannot read it).
 */
export function registerAuth(app: App, resolvers: AuthResolvers): void {
  app.decorateRequest("principal", null);
  // A /v1 route without a declaration would be open to every authenticated caller: refuse to start.
  app.addHook("onRoute", (route: RouteOptions) => {
    const url = route.url;
    if (DECLARED.test(url) && route.config?.access === undefined) {
      throw new Error(
        `Route ${String(route.method)} ${url} must declare config.access (see RouteAccess in platform/http/principal.ts).`,
      );
    }
  });
  const isAdminToken = resolvers.adminToken === null ? () => false : matchesSecret(resolvers.adminToken);
  app.addHook("onRequest", async (request) => {
    request.principal = await resolve(request, resolvers, isAdminToken);
    // No route matched: the not-found handler answers, with nothing to authorise.
    if (request.routeOptions.url === undefined) return;
    const access = accessOf(request);
    if (access === "public") return;
    enforce(request, access);
  });
}

export function accessOf(request: FastifyRequest): RouteAccess {
  return request.routeOptions.config?.access ?? "public";
}

function enforce(request: FastifyRequest, access: Exclude<RouteAccess, "public">): void {
  const p = request.principal;
  if (!p) {
    const sent = request.headers.authorization !== undefined || request.cookies?.[SESSION_COOKIE] !== undefined;
    throw new AppError(
      "UNAUTHENTICATED",
      sent ? "The credentials are not valid." : "Send Authorization: Bearer <apiKey>, or log in to the dashboard.",
    );
  }
  if (p.kind === "session" && !SAFE_METHODS.has(request.method)) {
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== "string" || !constantTimeEqual(sent, p.csrfToken)) {
      throw new AppError("CSRF_TOKEN_INVALID", "Missing or wrong X-CSRF-Token header; reload the dashboard.");
    }
  }
  if (access === "operator") {
    if (p.kind !== "operator")
      throw new AppError(
        "UNAUTHENTICATED",
        "This route needs the operator token (Authorization: Bearer $WHARF_ADMIN_TOKEN).",
      );
    return;
  }
  if (access === "session") {
    if (p.kind !== "session") throw new AppError("UNAUTHENTICATED", "Log in to the dashboard first.");
    return;
  }
  const role = roleOf(p);
  if (role === null)
    throw new AppError(
      "UNAUTHENTICATED",
      "This route needs a workspace API key (Authorization: Bearer <apiKey>) or a dashboard session.",
    );
  if (!access.includes(role)) throw new AppError("FORBIDDEN", `This needs one of the roles: ${access.join(", ")}.`);
}

/** A workspace API key acts as the workspace's owner; the operator has no workspace. */
function roleOf(p: Principal): Role | null {
  if (p.kind === "api_key") return "owner";
  if (p.kind === "session") return p.role;
  return null;
}

async function resolve(
  request: FastifyRequest,
  r: AuthResolvers,
  isAdminToken: (token: string) => boolean,
): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) return null;
    const token = m[1]!;
    if (isAdminToken(token)) return { kind: "operator" };
    return r.resolveApiKey(token);
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  return cookie ? r.resolveSession(cookie) : null;
}
