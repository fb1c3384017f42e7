import { z } from "zod";
import type { App } from "../../platform/http/index.js";
import { requireRole, requireWorkspace } from "../../platform/http/index.js";
import { activatePhoneNumber, deactivatePhoneNumber } from "./activate-phone-number.js";
import { connectCatalog, disconnectCatalog } from "./catalog-token.js";
import { checkConnection, type CheckDeps } from "./check-connection.js";
import { connectWaba } from "./connect-waba.js";
import { describeConnection, listPhoneNumbers, phoneNumberView } from "./describe-connection.js";
import { disconnect } from "./disconnect.js";
import { prepareConnection } from "./prepare-connection.js";
import { syncPhoneNumbers } from "./sync-phone-numbers.js";
import type { WorkspaceGraphDeps } from "./workspace-graph.js";

const Connection = z.object({
  status: z.enum(["disconnected", "connected", "needs_reconnect"]),
  waba: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  scopes: z.array(z.string()),
  tokenExpiresAt: z.string().nullable(),
  lastCheckedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  catalog: z.object({ status: z.enum(["none", "connected", "needs_reconnect"]), catalogId: z.string().nullable(), lastError: z.string().nullable() }),
});
const PhoneNumberOut = z.object({
  id: z.string(),
  metaPhoneNumberId: z.string(),
  displayPhoneNumber: z.string(),
  verifiedName: z.string().nullable(),
  qualityRating: z.string().nullable(),
  messagingLimit: z.string().nullable(),
  throughput: z.number(),
  status: z.string().nullable(),
  active: z.boolean(),
  sendingPaused: z.boolean(),
  lastError: z.string().nullable(),
  lastSyncedAt: z.string().nullable(),
});
const tags = ["connection"];
const managers = ["owner", "admin"] as const;

export function connectionRoutes(app: App, deps: CheckDeps & WorkspaceGraphDeps): void {
  app.post(
    "/v1/connection/prepare",
    { config: { access: ["owner", "admin"] }, schema: { tags, summary: "prepareToConnect: Meta's authorization URL with a single-use state", response: { 200: z.object({ authorizationUrl: z.string(), state: z.string(), expiresAt: z.string() }) } } },
    async (request) => {
      const { workspaceId } = requireRole(request, [...managers]);
      const p = await prepareConnection(deps, workspaceId, request.principal?.kind === "session" ? request.principal.sessionId : null);
      return { ...p, expiresAt: new Date(p.expiresAt).toISOString() };
    },
  );

  app.post(
    "/v1/connection/connect",
    { config: { access: ["owner", "admin"] }, schema: { tags, summary: "Exchange the code from Meta's dialog (Embedded Signup popup or API)", body: z.object({ code: z.string().min(1).max(2048), state: z.string().min(1).max(256) }), response: { 200: Connection } } },
    async (request) => {
      const { workspaceId } = requireRole(request, [...managers]);
      await connectWaba(deps, { ...request.body, workspaceId, sessionId: request.principal?.kind === "session" ? request.principal.sessionId : null });
      return describeConnection(deps.db, workspaceId);
    },
  );

  // The browser comes back here from Meta's dialog. No session is needed: the single-use state
  // names the workspace, and the result is shown on the dashboard's connection page.
  app.get(
    "/oauth/meta/callback",
    { config: { access: "public" }, schema: { tags, summary: "Where Meta's dialog sends the browser back", querystring: z.object({ code: z.string().optional(), state: z.string().optional(), error: z.string().optional(), error_description: z.string().optional() }) } },
    async (request, reply) => {
      const back = new URL(deps.meta.dashboardUrl);
      back.hash = "/settings/whatsapp";
      const { code, state, error, error_description } = request.query;
      const go = (params: Record<string, string>) => {
        for (const [k, v] of Object.entries(params)) back.searchParams.set(k, v);
        return reply.redirect(back.toString(), 302);
      };
      if (error || !code || !state) return go({ connect: "error", code: "OAUTH_CODE_REJECTED", message: error_description ?? error ?? "Meta did not return a code." });
      try {
        await connectWaba(deps, { code, state, workspaceId: null, sessionId: request.principal?.kind === "session" ? request.principal.sessionId : null });
        return go({ connect: "ok" });
      } catch (err) {
        const e = err as { code?: string; message?: string };
        return go({ connect: "error", code: e.code ?? "INTERNAL", message: e.code ? (e.message ?? "") : "Connecting failed; try again." });
      }
    },
  );

  app.get("/v1/connection", { config: { access: ["owner", "admin", "agent"] }, schema: { tags, summary: "The workspace's WhatsApp connection (never the token)", response: { 200: Connection } } }, async (request) =>
    describeConnection(deps.db, requireWorkspace(request).workspaceId),
  );

  app.post(
    "/v1/connection/check",
    { config: { access: ["owner", "admin"] }, schema: { tags, summary: "Validate the token now (debug_token)", response: { 200: Connection } } },
    async (request) => {
      const { workspaceId } = requireWorkspace(request);
      await checkConnection(deps, workspaceId);
      return describeConnection(deps.db, workspaceId);
    },
  );

  app.delete("/v1/connection", { config: { access: ["owner", "admin"] }, schema: { tags, summary: "Disconnect and destroy the stored token", response: { 200: Connection } } }, async (request) => {
    const { workspaceId } = requireRole(request, [...managers]);
    await disconnect(deps, workspaceId);
    return describeConnection(deps.db, workspaceId);
  });

  app.put(
    "/v1/connection/catalog",
    { config: { access: ["owner", "admin"] }, schema: { tags, summary: "Connect the separate Meta Catalog token", body: z.object({ catalogId: z.string().regex(/^\d+$/, "must be the numeric catalog id"), accessToken: z.string().min(10).max(4096) }), response: { 200: Connection } } },
    async (request) => {
      const { workspaceId } = requireRole(request, [...managers]);
      await connectCatalog(deps, workspaceId, request.body);
      return describeConnection(deps.db, workspaceId);
    },
  );

  app.delete("/v1/connection/catalog", { config: { access: ["owner", "admin"] }, schema: { tags, summary: "Remove the catalog token", response: { 200: Connection } } }, async (request) => {
    const { workspaceId } = requireRole(request, [...managers]);
    await disconnectCatalog(deps, workspaceId);
    return describeConnection(deps.db, workspaceId);
  });

  app.get("/v1/phone-numbers", { config: { access: ["owner", "admin", "agent"] }, schema: { tags, summary: "The WABA's phone numbers", response: { 200: z.object({ data: z.array(PhoneNumberOut) }) } } }, async (request) => ({
    data: await listPhoneNumbers(deps.db, requireWorkspace(request).workspaceId),
  }));

  app.post("/v1/phone-numbers/sync", { config: { access: ["owner", "admin"] }, schema: { tags, summary: "Re-read the numbers from Meta", response: { 200: z.object({ data: z.array(PhoneNumberOut) }) } } }, async (request) => {
    const { workspaceId } = requireWorkspace(request);
    await syncPhoneNumbers(deps, workspaceId);
    return { data: await listPhoneNumbers(deps.db, workspaceId) };
  });

  app.post(
    "/v1/phone-numbers/:id/activate",
    { config: { access: ["owner", "admin"] }, schema: { tags, summary: "Register the number with Meta (two-step PIN) and make it an active sending number", params: z.object({ id: z.string() }), body: z.object({ pin: z.string().regex(/^\d{6}$/, "must be 6 digits") }), response: { 200: PhoneNumberOut } } },
    async (request) => {
      const { workspaceId } = requireRole(request, [...managers]);
      return phoneNumberView(await activatePhoneNumber(deps, workspaceId, request.params.id, request.body.pin), "connected");
    },
  );

  app.post(
    "/v1/phone-numbers/:id/deactivate",
    { config: { access: ["owner", "admin"] }, schema: { tags, summary: "Stop sending from the number", params: z.object({ id: z.string() }), response: { 200: PhoneNumberOut } } },
    async (request) => {
      const { workspaceId } = requireRole(request, [...managers]);
      const row = await deactivatePhoneNumber(deps, workspaceId, request.params.id);
      return phoneNumberView(row, (await describeConnection(deps.db, workspaceId)).status);
    },
  );
}
