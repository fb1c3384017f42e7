import { z } from "zod";
import { isTimeZone } from "../../platform/time-zone.js";
import type { App } from "../../platform/http/index.js";
import { NO_CONTENT, requireOperator, requireRole, requireWorkspace, readRoute } from "../../platform/http/index.js";
import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import type { Vault } from "../../platform/crypto/index.js";
import { createApiKey, listWorkspaceApiKeys, revokeWorkspaceApiKey } from "./api-keys.js";
import { createWorkspace } from "./create-workspace.js";
import { getWorkspace, listWorkspaces, updateOwnWorkspace } from "./list-workspaces.js";
import { WORKSPACE_LANGUAGES, type Workspace } from "./workspace.js";

const WorkspaceOut = z.object({
  id: z.string(),
  name: z.string(),
  /** IANA time zone: what schedules and time-of-day waits default to. */
  timeZone: z.string(),
  /** The dashboard's language for members whose browser speaks none of Wharf's (and who chose none). */
  defaultLanguage: z.enum(WORKSPACE_LANGUAGES),
  createdAt: z.string(),
});
const iso = (ms: number) => new Date(ms).toISOString();
const workspaceOut = (ws: Workspace) => ({
  id: ws.id,
  name: ws.name,
  timeZone: ws.timeZone,
  defaultLanguage: ws.defaultLanguage,
  createdAt: iso(ws.createdAt),
});

/** An IANA name Intl knows (Europe/Lisbon, America/Sao_Paulo, UTC). */
const TimeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, { message: "not a time zone (use an IANA name, e.g. America/Sao_Paulo)" });

export function workspacesRoutes(app: App, deps: { db: AnyDb; vault: Vault; clock: Clock }): void {
  app.post(
    "/v1/workspaces",
    {
      config: { access: "operator" },
      schema: {
        tags: ["workspaces"],
        summary: "Create a workspace (operator token). The API key is returned once.",
        body: z.object({
          name: z.string().trim().min(1).max(120),
          timeZone: TimeZone.optional(),
          defaultLanguage: z.enum(WORKSPACE_LANGUAGES).optional(),
        }),
        response: { 201: WorkspaceOut.extend({ apiKey: z.string() }) },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const { workspace, apiKey } = await createWorkspace(deps, request.body);
      return reply.status(201).send({ ...workspaceOut(workspace), apiKey });
    },
  );

  app.get(
    "/v1/workspaces",
    {
      config: { access: "operator" },
      schema: {
        tags: ["workspaces"],
        summary: "List workspaces (operator token)",
        response: { 200: z.object({ data: z.array(WorkspaceOut) }) },
      },
    },
    async (request) => {
      requireOperator(request);
      const all = await listWorkspaces(deps);
      return { data: all.map(workspaceOut) };
    },
  );

  readRoute(
    app,
    "/v1/workspace",
    { tags: ["workspaces"], summary: "The caller's workspace", response: { 200: WorkspaceOut } },
    async (workspaceId) => workspaceOut(await getWorkspace(deps, workspaceId)),
  );

  app.patch(
    "/v1/workspace",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags: ["workspaces"],
        summary: "Change the caller's workspace: its name, time zone or default language (owners and admins)",
        body: z
          .strictObject({
            name: z.string().trim().min(1).max(120).optional(),
            timeZone: TimeZone.optional(),
            defaultLanguage: z.enum(WORKSPACE_LANGUAGES).optional(),
          })
          .refine((b) => Object.keys(b).length > 0, {
            message: "give at least one of name, timeZone, defaultLanguage",
          }),
        response: { 200: WorkspaceOut },
      },
    },
    async (request) => {
      const { workspaceId } = requireRole(request, ["owner", "admin"]);
      return workspaceOut(await updateOwnWorkspace(deps, workspaceId, request.body));
    },
  );

  const ApiKeyOut = z.object({
    id: z.string(),
    label: z.string(),
    hint: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  });

  readRoute(
    app,
    "/v1/api-keys",
    {
      tags: ["workspaces"],
      summary: "The workspace's API keys (never the keys themselves), with their last use",
      response: { 200: z.object({ data: z.array(ApiKeyOut) }) },
    },
    async (workspaceId) => ({ data: await listWorkspaceApiKeys(deps, workspaceId) }),
    ["owner"],
  );

  app.post(
    "/v1/api-keys",
    {
      // A key acts as the owner: an admin who could mint one could then demote the owners.
      config: { access: ["owner"] },
      schema: {
        tags: ["workspaces"],
        summary: "Create an API key (owners only); it is shown once. A key acts as the workspace's owner.",
        body: z.object({ label: z.string().trim().min(1).max(80) }),
        response: { 201: ApiKeyOut.extend({ apiKey: z.string() }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createApiKey(deps, requireWorkspace(request).workspaceId, request.body.label)),
  );

  app.delete(
    "/v1/api-keys/:id",
    {
      config: { access: ["owner"], docs: { responses: NO_CONTENT } },
      schema: {
        tags: ["workspaces"],
        summary: "Revoke an API key at once",
        params: z.object({ id: z.string().min(1).max(64) }),
      },
    },
    async (request, reply) => {
      const p = request.principal;
      await revokeWorkspaceApiKey(
        deps,
        requireWorkspace(request).workspaceId,
        request.params.id,
        p?.kind === "api_key" ? p.keyId : null,
      );
      return reply.status(204).send();
    },
  );
}
