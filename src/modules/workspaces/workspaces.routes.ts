import { z } from "zod";
import type { App } from "../../platform/http/index.js";
import { NO_CONTENT, requireOperator, requireRole, requireWorkspace } from "../../platform/http/index.js";
import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import type { Vault } from "../../platform/crypto/index.js";
import { createApiKey, listWorkspaceApiKeys, revokeWorkspaceApiKey } from "./api-keys.js";
import { createWorkspace } from "./create-workspace.js";
import { getWorkspace, listWorkspaces, renameOwnWorkspace } from "./list-workspaces.js";

const WorkspaceOut = z.object({ id: z.string(), name: z.string(), createdAt: z.string() });
const iso = (ms: number) => new Date(ms).toISOString();

export function workspacesRoutes(app: App, deps: { db: AnyDb; vault: Vault; clock: Clock }): void {
  app.post(
    "/v1/workspaces",
    {
      config: { access: "operator" },
      schema: {
        tags: ["workspaces"],
        summary: "Create a workspace (operator token). The API key is returned once.",
        body: z.object({ name: z.string().trim().min(1).max(120) }),
        response: { 201: WorkspaceOut.extend({ apiKey: z.string() }) },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const { workspace, apiKey } = await createWorkspace(deps, request.body);
      return reply
        .status(201)
        .send({ id: workspace.id, name: workspace.name, createdAt: iso(workspace.createdAt), apiKey });
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
      return { data: all.map((w) => ({ id: w.id, name: w.name, createdAt: iso(w.createdAt) })) };
    },
  );

  app.get(
    "/v1/workspace",
    {
      config: { access: ["owner", "admin", "agent"] },
      schema: { tags: ["workspaces"], summary: "The caller's workspace", response: { 200: WorkspaceOut } },
    },
    async (request) => {
      const { workspaceId } = requireWorkspace(request);
      const ws = await getWorkspace(deps, workspaceId);
      return { id: ws.id, name: ws.name, createdAt: iso(ws.createdAt) };
    },
  );

  app.patch(
    "/v1/workspace",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags: ["workspaces"],
        summary: "Rename the caller's workspace (owners and admins)",
        body: z.object({ name: z.string().trim().min(1).max(120) }),
        response: { 200: WorkspaceOut },
      },
    },
    async (request) => {
      const { workspaceId } = requireRole(request, ["owner", "admin"]);
      const ws = await renameOwnWorkspace(deps, workspaceId, request.body.name);
      return { id: ws.id, name: ws.name, createdAt: iso(ws.createdAt) };
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

  app.get(
    "/v1/api-keys",
    {
      config: { access: ["owner"] },
      schema: {
        tags: ["workspaces"],
        summary: "The workspace's API keys (never the keys themselves), with their last use",
        response: { 200: z.object({ data: z.array(ApiKeyOut) }) },
      },
    },
    async (request) => ({ data: await listWorkspaceApiKeys(deps, requireWorkspace(request).workspaceId) }),
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
