import type { FastifyRequest } from "fastify";
import type { WorkspaceId } from "../workspace-id.js";
import { AppError } from "../errors/index.js";

export type Role = "owner" | "admin" | "agent";

/**
 * Who may call a route, declared in the route's own config (`config: { access: ... }`):
 * - `"public"`: no credentials (login, Meta's OAuth callback, webhooks from Meta);
 * - `"operator"`: the operator token only;
 * - `"session"`: a dashboard session only, whatever its role (switch workspace, log out, own password);
 * - a list of roles: a workspace principal with one of them (a workspace API key counts as owner).
 */
export type RouteAccess = "public" | "operator" | "session" | readonly Role[];

export type Principal =
  | { kind: "operator" }
  | { kind: "api_key"; workspaceId: WorkspaceId; keyId: string }
  | { kind: "session"; workspaceId: WorkspaceId; userId: string; role: Role; sessionId: string; csrfToken: string };

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Who may call the route (see RouteAccess); every /v1 route must declare it, others default to public. */
    access?: RouteAccess;
    /** Keep the exact request bytes in `request.rawBody` (signature checks). */
    rawBody?: boolean;
  }
}

export function requireOperator(request: FastifyRequest): void {
  if (request.principal?.kind !== "operator") {
    throw new AppError(
      "UNAUTHENTICATED",
      "This route needs the operator token (Authorization: Bearer $WHARF_ADMIN_TOKEN).",
    );
  }
}

/** The workspace the caller acts on: from its API key or its dashboard session, never from input. */
export function requireWorkspace(request: FastifyRequest): { workspaceId: WorkspaceId; role: Role } {
  const p = request.principal;
  if (p?.kind === "api_key") return { workspaceId: p.workspaceId, role: "owner" };
  if (p?.kind === "session") return { workspaceId: p.workspaceId, role: p.role };
  throw new AppError(
    "UNAUTHENTICATED",
    "This route needs a workspace API key (Authorization: Bearer <apiKey>) or a dashboard session.",
  );
}

export function requireSession(request: FastifyRequest): Extract<Principal, { kind: "session" }> {
  const p = request.principal;
  if (p?.kind !== "session") throw new AppError("UNAUTHENTICATED", "Log in to the dashboard first.");
  return p;
}

export function requireRole(request: FastifyRequest, roles: Role[]): { workspaceId: WorkspaceId; role: Role } {
  const ws = requireWorkspace(request);
  if (!roles.includes(ws.role)) throw new AppError("FORBIDDEN", `This needs one of the roles: ${roles.join(", ")}.`);
  return ws;
}
