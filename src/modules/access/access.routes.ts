import { z } from "zod";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import {
  NO_CONTENT,
  SESSION_COOKIE,
  requireSession,
  requireWorkspace,
  type App,
  readRoute,
} from "../../platform/http/index.js";
import { AppError } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { describeSession, listMembers } from "./describe-session.js";
import { findUserEmail } from "./describe-session.js";
import {
  acceptAsUser,
  acceptWithToken,
  inviteUser,
  listInvitations,
  myInvitations,
  revokeInvitation,
} from "./invitations.js";
import { changePassword, changeRole, removeMember } from "./manage-members.js";
import { csrfTokenFor, login, logout, startSession, switchWorkspace } from "./sessions.js";
import { beginAttempt, maskedSubject, type Attempt } from "./attempt-throttle.js";
import { DASHBOARD_LANGUAGES, setUserLanguage } from "./user-language.js";

const SessionOut = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    language: z.enum(DASHBOARD_LANGUAGES).nullable().describe("the dashboard's language; null: follow the browser"),
  }),
  workspaces: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(["owner", "admin", "agent"]) })),
  activeWorkspaceId: z.string(),
  workspaceSettings: z.object({
    timeZone: z.string().describe("the active workspace's IANA time zone"),
    defaultLanguage: z
      .enum(DASHBOARD_LANGUAGES)
      .describe("the dashboard's language for members who chose none and whose browser speaks none of these"),
  }),
  csrfToken: z.string(),
});
const Role = z.enum(["owner", "admin", "agent"]);
const Member = z.object({ id: z.string(), email: z.string(), name: z.string(), role: Role });

export function accessRoutes(
  app: App,
  deps: { db: AnyDb; clock: Clock; sessionTtlMs: number; secureCookies: boolean; publicUrl: string },
): void {
  const sessionBody = (userId: string, workspaceId: WorkspaceId, csrfToken: string) =>
    describeSession(deps.db, userId, workspaceId, csrfToken);
  const setCookie = (reply: FastifyReply, token: string, expiresAt: number) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: deps.secureCookies,
      expires: new Date(expiresAt),
    });

  app.post(
    "/v1/auth/login",
    {
      config: { access: "public" },
      schema: {
        tags: ["dashboard"],
        summary: "Log in to the dashboard (throttled per account and address: 429 with Retry-After)",
        body: z.object({ email: z.email().max(320), password: z.string().min(1).max(1024) }),
        response: { 200: SessionOut },
      },
    },
    async (request, reply) => {
      // The audit line names the account by a hash and never carries the password.
      const audit = (outcome: string) =>
        request.log.info(
          { audit: "login", account: maskedSubject(request.body.email), ip: request.ip, outcome },
          "login attempt",
        );
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

  app.get(
    "/v1/auth/session",
    {
      config: { access: "session" },
      schema: { tags: ["dashboard"], summary: "The current dashboard session", response: { 200: SessionOut } },
    },
    async (request) => {
      const s = requireSession(request);
      return sessionBody(s.userId, s.workspaceId, s.csrfToken);
    },
  );

  app.post(
    "/v1/auth/workspace",
    {
      config: { access: "session" },
      schema: {
        tags: ["dashboard"],
        summary: "Switch the session's active workspace",
        body: z.object({ workspaceId: z.string().min(1) }),
        response: { 200: SessionOut },
      },
    },
    async (request) => {
      const s = requireSession(request);
      const workspaceId = await switchWorkspace(deps.db, s, request.body.workspaceId);
      return sessionBody(s.userId, workspaceId, s.csrfToken);
    },
  );

  app.patch(
    "/v1/auth/me",
    {
      config: { access: "session" },
      schema: {
        tags: ["dashboard"],
        summary: "Change one's own settings: the dashboard's language (null: follow the browser)",
        body: z.object({ language: z.enum(DASHBOARD_LANGUAGES).nullable() }).strict(),
        response: { 200: SessionOut },
      },
    },
    async (request) => {
      const s = requireSession(request);
      await setUserLanguage(deps, s.userId, request.body.language);
      return sessionBody(s.userId, s.workspaceId, s.csrfToken);
    },
  );

  app.post(
    "/v1/auth/logout",
    {
      config: { access: "session", docs: { responses: NO_CONTENT } },
      schema: { tags: ["dashboard"], summary: "Log out" },
    },
    async (request, reply) => {
      const s = requireSession(request);
      await logout(deps.db, s.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send();
    },
  );

  readRoute(
    app,
    "/v1/users",
    {
      tags: ["dashboard"],
      summary: "Dashboard users of the workspace",
      response: { 200: z.object({ data: z.array(Member) }) },
    },
    async (workspaceId) => ({ data: await listMembers(deps.db, workspaceId) }),
  );

  const Invitation = z.object({
    id: z.string(),
    email: z.string(),
    role: Role,
    status: z.literal("pending"),
    createdAt: z.string(),
    expiresAt: z.string(),
  });
  const IdParams = z.object({ id: z.string().min(1).max(64) });
  const actorOf = (request: FastifyRequest) => {
    const { workspaceId, role } = requireWorkspace(request);
    const p = request.principal;
    return { workspaceId, actor: { role, userId: p?.kind === "session" ? p.userId : null } };
  };

  app.post(
    "/v1/invitations",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags: ["team"],
        summary:
          "Invite someone by email. The answer never says whether they already have an account; the acceptUrl is shown once.",
        body: z.object({ email: z.email().max(320), role: Role }),
        response: { 201: Invitation.extend({ acceptUrl: z.string() }) },
      },
    },
    async (request, reply) => {
      const { workspaceId, actor } = actorOf(request);
      const p = request.principal;
      const invitedBy = p?.kind === "session" ? p.userId : p?.kind === "api_key" ? p.keyId : "unknown";
      const { token, ...invitation } = await inviteUser(
        deps,
        workspaceId,
        { role: actor.role, id: invitedBy },
        request.body,
      );
      return reply
        .status(201)
        .send({ ...invitation, acceptUrl: `${deps.publicUrl}/#/invitation?token=${encodeURIComponent(token)}` });
    },
  );

  readRoute(
    app,
    "/v1/invitations",
    {
      tags: ["team"],
      summary: "Open invitations of the workspace",
      response: { 200: z.object({ data: z.array(Invitation) }) },
    },
    async (workspaceId) => ({ data: await listInvitations(deps, workspaceId) }),
    ["owner", "admin"],
  );

  app.delete(
    "/v1/invitations/:id",
    {
      config: { access: ["owner", "admin"], docs: { responses: NO_CONTENT } },
      schema: { tags: ["team"], summary: "Revoke an open invitation", params: IdParams },
    },
    async (request, reply) => {
      await revokeInvitation(deps, requireWorkspace(request).workspaceId, request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    "/v1/invitations/accept",
    {
      config: { access: "public" },
      schema: {
        tags: ["team"],
        summary:
          "Accept an invitation link by creating an account (an existing account accepts from its own session instead)",
        body: z.object({
          token: z.string().min(1).max(200),
          name: z.string().trim().min(1).max(120),
          password: z.string().min(10, "must be at least 10 characters").max(1024),
        }),
        response: { 200: SessionOut },
      },
    },
    async (request, reply) => {
      // Public and token-guessable only by brute force: throttled like a login, per token and address.
      const attempt = await beginAttempt(deps, "invitation", request.body.token, request.ip);
      const { userId, workspaceId } = await acceptWithToken(deps, request.body);
      await attempt.succeeded();
      // The password was just set (or checked) by the accept itself: no second scrypt, and the
      // session opens in the workspace the invitation was for.
      const s = await startSession(deps, userId, workspaceId);
      setCookie(reply, s.token, s.expiresAt);
      return sessionBody(s.userId, s.workspaceId, csrfTokenFor(s.token));
    },
  );

  app.get(
    "/v1/auth/invitations",
    {
      config: { access: "session" },
      schema: {
        tags: ["team"],
        summary: "Open invitations addressed to the logged-in user's email",
        response: {
          200: z.object({
            data: z.array(
              z.object({
                id: z.string(),
                workspace: z.object({ id: z.string(), name: z.string() }),
                role: Role,
                expiresAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const s = requireSession(request);
      return { data: await myInvitations(deps, await findUserEmail(deps.db, s.userId)) };
    },
  );

  app.post(
    "/v1/auth/invitations/:id/accept",
    {
      config: { access: "session" },
      schema: {
        tags: ["team"],
        summary: "Accept an invitation to your own email; the session switches to that workspace",
        params: IdParams,
        response: { 200: SessionOut },
      },
    },
    async (request) => {
      const s = requireSession(request);
      const workspaceId = await acceptAsUser(
        deps,
        { id: s.userId, email: await findUserEmail(deps.db, s.userId) },
        request.params.id,
      );
      await switchWorkspace(deps.db, s, workspaceId);
      return sessionBody(s.userId, workspaceId, s.csrfToken);
    },
  );

  app.patch(
    "/v1/users/:id",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags: ["team"],
        summary: "Change a member's role (never above your own; a workspace keeps at least one owner)",
        params: IdParams,
        body: z.object({ role: Role }),
        response: { 200: Member },
      },
    },
    async (request) => {
      const { workspaceId, actor } = actorOf(request);
      await changeRole(deps, workspaceId, actor, request.params.id, request.body.role);
      const member = (await listMembers(deps.db, workspaceId)).find((m) => m.id === request.params.id);
      if (!member) throw new AppError("NOT_FOUND", "No user with that id in this workspace.");
      return member;
    },
  );

  app.delete(
    "/v1/users/:id",
    {
      config: { access: ["owner", "admin", "agent"], docs: { responses: NO_CONTENT, errors: ["LAST_OWNER"] } },
      schema: {
        tags: ["team"],
        summary: "Remove a member (owners and admins), or leave the workspace (your own id)",
        params: IdParams,
      },
    },
    async (request, reply) => {
      const { workspaceId, actor } = actorOf(request);
      await removeMember(deps, workspaceId, actor, request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    "/v1/auth/password",
    {
      config: { access: "session", docs: { responses: NO_CONTENT, errors: ["INVALID_CREDENTIALS"] } },
      schema: {
        tags: ["dashboard"],
        summary: "Change your own password; your other sessions end",
        body: z.object({
          currentPassword: z.string().min(1).max(1024),
          newPassword: z.string().min(10, "must be at least 10 characters").max(1024),
        }),
      },
    },
    async (request, reply) => {
      await changePassword(deps, requireSession(request), request.body);
      return reply.status(204).send();
    },
  );
}
