import { z } from "zod";
import type { FastifyReply } from "fastify";
import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import { AppError, SESSION_COOKIE, requireRole, requireSession, requireWorkspace, type App } from "../../platform/http/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { describeSession, listMembers } from "./describe-session.js";
import { addUserToWorkspace } from "./create-user.js";
import { csrfTokenFor, login, logout, switchWorkspace } from "./sessions.js";
import { beginAttempt, maskedSubject, type Attempt } from "./attempt-throttle.js";

const SessionOut = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  workspaces: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(["owner", "admin", "agent"]) })),
  activeWorkspaceId: z.string(),
  csrfToken: z.string(),
});
const Role = z.enum(["owner", "admin", "agent"]);
const Member = z.object({ id: z.string(), email: z.string(), name: z.string(), role: Role });

export function accessRoutes(app: App, deps: { db: AnyDb; clock: Clock; sessionTtlMs: number; secureCookies: boolean }): void {
  const sessionBody = (userId: string, workspaceId: WorkspaceId, csrfToken: string) => describeSession(deps.db, userId, workspaceId, csrfToken);
  const setCookie = (reply: FastifyReply, token: string, expiresAt: number) =>
    reply.setCookie(SESSION_COOKIE, token, { path: "/", httpOnly: true, sameSite: "lax", secure: deps.secureCookies, expires: new Date(expiresAt) });

  app.post(
    "/v1/auth/login",
    {
      config: { public: true, access: "public" },
      schema: { tags: ["dashboard"], summary: "Log in to the dashboard (throttled per account and address: 429 with Retry-After)", body: z.object({ email: z.email().max(320), password: z.string().min(1).max(1024) }), response: { 200: SessionOut } },
    },
    async (request, reply) => {
      // The audit line names the account by a hash and never carries the password.
      const audit = (outcome: string) => request.log.info({ audit: "login", account: maskedSubject(request.body.email), ip: request.ip, outcome }, "login attempt");
      let attempt: Attempt;
      let s: Awaited<ReturnType<typeof login>>;
      try {
        attempt = await beginAttempt(deps, "login", request.body.email, request.ip);
        s = await login(deps, request.body);
      } catch (err) {
        audit(err instanceof AppError ? err.code : "error");
        throw err;
      }
      await attempt.succeeded();
      audit("ok");
      setCookie(reply, s.token, s.expiresAt);
      return sessionBody(s.userId, s.workspaceId, csrfTokenFor(s.token));
    },
  );

  app.get("/v1/auth/session", { schema: { tags: ["dashboard"], summary: "The current dashboard session", response: { 200: SessionOut } } }, async (request) => {
    const s = requireSession(request);
    return sessionBody(s.userId, s.workspaceId, s.csrfToken);
  });

  app.post(
    "/v1/auth/workspace",
    { schema: { tags: ["dashboard"], summary: "Switch the session's active workspace", body: z.object({ workspaceId: z.string().min(1) }), response: { 200: SessionOut } } },
    async (request) => {
      const s = requireSession(request);
      const workspaceId = await switchWorkspace(deps.db, s, request.body.workspaceId);
      return sessionBody(s.userId, workspaceId, s.csrfToken);
    },
  );

  app.post("/v1/auth/logout", { schema: { tags: ["dashboard"], summary: "Log out" } }, async (request, reply) => {
    const s = requireSession(request);
    await logout(deps.db, s.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.status(204).send();
  });

  app.get("/v1/users", { schema: { tags: ["dashboard"], summary: "Dashboard users of the workspace", response: { 200: z.object({ data: z.array(Member) }) } } }, async (request) => {
    const { workspaceId } = requireWorkspace(request);
    return { data: await listMembers(deps.db, workspaceId) };
  });

  app.post(
    "/v1/users",
    {
      schema: {
        tags: ["dashboard"],
        summary: "Add a dashboard user (owner or admin)",
        body: z.object({ email: z.email().max(320), name: z.string().trim().min(1).max(120), password: z.string().min(10, "must be at least 10 characters").max(1024), role: Role }),
        response: { 201: Member },
      },
    },
    async (request, reply) => {
      const { workspaceId, role } = requireRole(request, ["owner", "admin"]);
      // An admin cannot mint owners; only an owner can.
      if (request.body.role === "owner" && role !== "owner") requireRole(request, ["owner"]);
      const user = await addUserToWorkspace(deps, workspaceId, request.body);
      return reply.status(201).send({ id: user.id, email: user.email, name: user.name, role: user.role });
    },
  );
}
