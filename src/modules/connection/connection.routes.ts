import { z } from "zod";
import type { App } from "../../platform/http/index.js";
import { redirectTo, requireRole, requireWorkspace, readRoute } from "../../platform/http/index.js";
import { AppError } from "../../platform/errors/index.js";
import { activatePhoneNumber, deactivatePhoneNumber } from "./activate-phone-number.js";
import { connectCatalog, disconnectCatalog } from "./catalog-token.js";
import { checkConnection, type CheckDeps } from "./check-connection.js";
import { connectWaba } from "./connect-waba.js";
import {
  connectD360FromRedirect,
  connectD360WithKey,
  D360_CALLBACK_PATH,
  prepareD360Connection,
  type ConnectD360Deps,
} from "./connect-d360.js";
import { describeConnection, listPhoneNumbers, phoneNumberView } from "./describe-connection.js";
import { disconnect } from "./disconnect.js";
import { bindBrowser, OAUTH_BROWSER_COOKIE, prepareConnection, STATE_TTL_MS } from "./prepare-connection.js";
import { hashToken } from "../../platform/crypto/index.js";
import { syncPhoneNumbers } from "./sync-phone-numbers.js";
import type { WorkspaceChannelDeps } from "./workspace-channel.js";
import { CHANNEL_IDS } from "../../channels/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

const Connection = z.object({
  status: z.enum(["disconnected", "connected", "needs_reconnect"]),
  channel: z
    .enum(CHANNEL_IDS)
    .describe('the provider the connection goes through (docs/channels.md); "meta" when never connected'),
  waba: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  scopes: z.array(z.string()),
  tokenExpiresAt: z.string().nullable(),
  lastCheckedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  catalog: z.object({
    status: z.enum(["none", "connected", "needs_reconnect"]),
    catalogId: z.string().nullable(),
    lastError: z.string().nullable(),
  }),
  /** Meta's account_update (last event, its ban/restriction details) and business_capability_update fields. */
  account: z.object({
    event: z.string().nullable(),
    detail: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe(
        "Meta's details of that event, as sent, by name (banInfo, restrictionInfo, violationInfo, phoneNumber); null: no event",
      ),
    at: z.string().nullable(),
    capabilities: z.record(z.string(), z.unknown()),
  }),
  /**
   * Embedded Signup through Meta's JavaScript SDK, when offered: what the dashboard passes to
   * FB.init / FB.login, where it loads the SDK from, and whose popup messages it believes.
   */
  embeddedSignup: z
    .object({
      appId: z.string(),
      configId: z.string(),
      graphVersion: z.string(),
      sdkUrl: z.string(),
      origins: z.array(z.string()),
    })
    .nullable()
    .optional(),
  /** After connect: our id of the number Embedded Signup set up (its FINISH `phone_number_id`), to activate next. */
  onboardedPhoneNumberId: z.string().nullable().optional(),
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

export function connectionRoutes(app: App, deps: CheckDeps & WorkspaceChannelDeps & ConnectD360Deps): void {
  // Every answer that is the connection also says how to run Embedded Signup's popup.
  const embeddedSignup = deps.meta.embeddedSignup
    ? { appId: deps.meta.appId, graphVersion: deps.meta.graphVersion, ...deps.meta.embeddedSignup }
    : null;
  const described = async (workspaceId: WorkspaceId) => ({
    ...(await describeConnection(deps.db, workspaceId)),
    embeddedSignup,
  });
  // A change to the connection answers with the connection as it now is.
  const changed = async (workspaceId: WorkspaceId, change: Promise<unknown>) => {
    await change;
    return described(workspaceId);
  };

  app.post(
    "/v1/connection/prepare",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary: "prepareToConnect: Meta's authorization URL with a single-use state, bound to whoever asked",
        description:
          "From a dashboard session the state completes only in that session. From an API key it completes only through POST /v1/connection/connect with the same key, unless `browser: true` asks for a one-time `browserUrl`: the first browser to open it is the only one whose return from Meta completes the flow.",
        body: z
          .object({
            browser: z.boolean().optional(),
            /** For Embedded Signup's popup (FB.login): Meta issues that code without a redirect URI. */
            popup: z.boolean().optional(),
          })
          .nullish(),
        response: {
          200: z.object({
            authorizationUrl: z.string(),
            state: z.string(),
            expiresAt: z.string(),
            browserUrl: z.string().optional(),
          }),
        },
      },
    },
    async (request) => {
      const { workspaceId } = requireRole(request, [...managers]);
      const p = request.principal;
      const creator =
        p?.kind === "session"
          ? { sessionId: p.sessionId }
          : { apiKeyId: p?.kind === "api_key" ? p.keyId : "", browser: request.body?.browser === true };
      const prepared = await prepareConnection(deps, workspaceId, creator, { popup: request.body?.popup === true });
      return { ...prepared, expiresAt: new Date(prepared.expiresAt).toISOString() };
    },
  );

  app.post(
    "/v1/connection/connect",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary:
          "Exchange the code from Meta's dialog (Embedded Signup popup or API); only the session or key that prepared the state can",
        description:
          "`wabaId` and `phoneNumberId` are what Embedded Signup's FINISH message carried (`waba_id`, `phone_number_id`): that WABA is connected if the token grants it. When the token grants several WABAs and none is named, the answer is 409 WABA_CHOICE_REQUIRED with `details.wabas` ([{id, name}]) and the token waits, encrypted: send the same `state` with the chosen `wabaId` and no `code` (within the state's 10 minutes; once).",
        body: z.object({
          code: z.string().min(1).max(2048).optional(),
          state: z.string().min(1).max(256),
          wabaId: z
            .string()
            .regex(/^\d{1,32}$/, "a WABA id is digits")
            .optional(),
          phoneNumberId: z
            .string()
            .regex(/^\d{1,32}$/, "a phone number id is digits")
            .optional(),
        }),
        response: { 200: Connection },
      },
    },
    async (request) => {
      const { workspaceId } = requireRole(request, [...managers]);
      const p = request.principal;
      const done = await connectWaba(deps, {
        ...request.body,
        workspaceId,
        sessionId: p?.kind === "session" ? p.sessionId : null,
        apiKeyId: p?.kind === "api_key" ? p.keyId : null,
      });
      return { ...(await described(workspaceId)), onboardedPhoneNumberId: done.phoneNumberId };
    },
  );

  // An API key's one-time browser link: binds this browser to the flow, then on to Meta's dialog.
  app.get(
    "/oauth/meta/start",
    {
      config: { access: "public", docs: { responses: redirectTo("Meta's Facebook Login dialog") } },
      schema: {
        tags,
        summary: "Open Meta's dialog from an API key's one-time browser link",
        querystring: z.object({ state: z.string().min(1).max(256), link: z.string().min(1).max(256) }),
      },
    },
    async (request, reply) => {
      const { cookie, authorizationUrl } = await bindBrowser(deps, request.query);
      reply.setCookie(OAUTH_BROWSER_COOKIE, cookie, {
        path: "/oauth/meta",
        httpOnly: true,
        sameSite: "lax",
        secure: deps.meta.redirectUri.startsWith("https://"),
        maxAge: STATE_TTL_MS / 1000,
      });
      return reply.redirect(authorizationUrl, 302);
    },
  );

  // The browser comes back here from Meta's dialog. The single-use state names the workspace, and
  // completes only in the session that started it, or the browser an API key's link bound to it.
  // The dashboard is told only a code; it shows its own words for it.
  app.get(
    "/oauth/meta/callback",
    {
      config: {
        access: "public",
        docs: { responses: redirectTo("the dashboard's WhatsApp settings, with the outcome's code in the hash") },
      },
      schema: {
        tags,
        summary: "Where Meta's dialog sends the browser back",
        querystring: z.object({
          code: z.string().max(4096).optional(),
          state: z.string().max(256).optional(),
          error: z.string().max(512).optional(),
          error_description: z.string().max(2048).optional(),
        }),
      },
    },
    async (request, reply) => {
      const back = new URL(deps.meta.dashboardUrl);
      back.hash = "/settings/whatsapp";
      const { code, state, error } = request.query;
      const go = (params: Record<string, string>) => {
        for (const [k, v] of Object.entries(params)) back.searchParams.set(k, v);
        reply.clearCookie(OAUTH_BROWSER_COOKIE, { path: "/oauth/meta" });
        return reply.redirect(back.toString(), 302);
      };
      if (error) return go({ connect: "error", code: "OAUTH_DENIED" });
      if (!code || !state) return go({ connect: "error", code: "OAUTH_CODE_REJECTED" });
      try {
        const p = request.principal;
        const browser = request.cookies?.[OAUTH_BROWSER_COOKIE];
        await connectWaba(deps, {
          code,
          state,
          workspaceId: null,
          sessionId: p?.kind === "session" ? p.sessionId : null,
          browserHash: browser ? hashToken(browser) : null,
        });
        return go({ connect: "ok" });
      } catch (err) {
        const known = err instanceof AppError;
        if (!known) request.log.error({ err }, "connecting a WABA failed");
        // Several WABAs granted: the dashboard (the same session) asks which one, with this state.
        if (known && err.code === "WABA_CHOICE_REQUIRED") return go({ connect: "choose", state });
        return go({ connect: "error", code: known ? err.code : "INTERNAL" });
      }
    },
  );

  app.post(
    "/v1/connection/360dialog",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary: "Connect by yourself: a 360dialog API key (from 360dialog's Hub) for one number",
        description:
          "The key is checked at 360dialog before anything is stored (a bad or revoked key is 422 CHANNEL_KEY_REJECTED), then kept encrypted like Meta's token; the key's WABA and number are claimed for this workspace (409 when another workspace holds them), the number is activated and Wharf's webhook is registered with 360dialog. A new key replaces the old one and resumes a connection that needs reconnecting.",
        body: z.object({ apiKey: z.string().min(1).max(512) }),
        response: { 200: Connection },
      },
    },
    async (request) => {
      const { workspaceId } = requireRole(request, [...managers]);
      return changed(workspaceId, connectD360WithKey(deps, workspaceId, request.body.apiKey));
    },
  );

  app.post(
    "/v1/connection/360dialog/prepare",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary: "The URL of 360dialog's Connect page, with a single-use state bound to whoever asked",
        description:
          "From a dashboard session the Connect page's redirect completes in that session (GET /oauth/360dialog/callback). From an API key, send the redirect's `client`, `channels` and the `state` to POST /v1/connection/360dialog/redirect with the same key.",
        response: { 200: z.object({ url: z.string(), state: z.string(), expiresAt: z.string() }) },
      },
    },
    async (request) => {
      const { workspaceId } = requireRole(request, [...managers]);
      const p = request.principal;
      const creator =
        p?.kind === "session"
          ? { sessionId: p.sessionId }
          : { apiKeyId: p?.kind === "api_key" ? p.keyId : "", browser: false };
      const prepared = await prepareD360Connection(deps, workspaceId, creator);
      return { ...prepared, expiresAt: new Date(prepared.expiresAt).toISOString() };
    },
  );

  const RedirectQuery = z.object({
    state: z.string().min(1).max(256),
    client: z.string().max(128).optional(),
    channels: z.string().max(2048).optional(),
  });

  app.post(
    "/v1/connection/360dialog/redirect",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary: "Complete 360dialog's Connect flow from the API (the redirect's client, channels and state)",
        body: RedirectQuery,
        response: { 200: Connection },
      },
    },
    async (request) => {
      const { workspaceId } = requireRole(request, [...managers]);
      const p = request.principal;
      await connectD360FromRedirect(deps, {
        ...request.body,
        workspaceId,
        sessionId: p?.kind === "session" ? p.sessionId : null,
        apiKeyId: p?.kind === "api_key" ? p.keyId : null,
      });
      return described(workspaceId);
    },
  );

  // 360dialog's Connect page sends the browser back here; the state completes only in the session that started it.
  app.get(
    D360_CALLBACK_PATH,
    {
      config: {
        access: "public",
        docs: { responses: redirectTo("the dashboard's WhatsApp settings, with the outcome's code in the hash") },
      },
      schema: {
        tags,
        summary: "Where 360dialog's Connect page sends the browser back",
        querystring: RedirectQuery.partial().extend({ error: z.string().max(512).optional() }),
      },
    },
    async (request, reply) => {
      const back = new URL(deps.meta.dashboardUrl);
      back.hash = "/settings/whatsapp";
      const go = (params: Record<string, string>) => {
        for (const [k, v] of Object.entries(params)) back.searchParams.set(k, v);
        return reply.redirect(back.toString(), 302);
      };
      const { state, client, channels, error } = request.query;
      if (error) return go({ connect: "error", code: "OAUTH_DENIED" });
      if (!state) return go({ connect: "error", code: "OAUTH_STATE_INVALID" });
      const p = request.principal;
      try {
        await connectD360FromRedirect(deps, {
          state,
          ...(client !== undefined ? { client } : {}),
          ...(channels !== undefined ? { channels } : {}),
          workspaceId: null,
          sessionId: p?.kind === "session" ? p.sessionId : null,
          apiKeyId: null,
        });
        return go({ connect: "ok" });
      } catch (err) {
        const known = err instanceof AppError;
        if (!known) request.log.error({ err }, "connecting through 360dialog failed");
        return go({ connect: "error", code: known ? err.code : "INTERNAL" });
      }
    },
  );

  readRoute(
    app,
    "/v1/connection",
    { tags, summary: "The workspace's WhatsApp connection (never the token)", response: { 200: Connection } },
    (workspaceId) => described(workspaceId),
  );

  app.post(
    "/v1/connection/check",
    {
      config: { access: ["owner", "admin"] },
      schema: { tags, summary: "Validate the token now (debug_token)", response: { 200: Connection } },
    },
    async (request) => {
      const { workspaceId } = requireWorkspace(request);
      return changed(workspaceId, checkConnection(deps, workspaceId));
    },
  );

  app.delete(
    "/v1/connection",
    {
      config: { access: ["owner"] },
      schema: { tags, summary: "Disconnect and destroy the stored token", response: { 200: Connection } },
    },
    // Disconnecting stops every send and destroys the token: the owner's call.
    async (request) => {
      const { workspaceId } = requireRole(request, ["owner"]);
      return changed(workspaceId, disconnect(deps, workspaceId));
    },
  );

  app.put(
    "/v1/connection/catalog",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary: "Connect the separate Meta Catalog token",
        body: z.object({
          catalogId: z.string().regex(/^\d+$/, "must be the numeric catalog id"),
          accessToken: z.string().min(10).max(4096),
        }),
        response: { 200: Connection },
      },
    },
    async (request) => {
      const { workspaceId } = requireRole(request, [...managers]);
      return changed(workspaceId, connectCatalog(deps, workspaceId, request.body));
    },
  );

  app.delete(
    "/v1/connection/catalog",
    {
      config: { access: ["owner", "admin"] },
      schema: { tags, summary: "Remove the catalog token", response: { 200: Connection } },
    },
    async (request) => {
      const { workspaceId } = requireRole(request, [...managers]);
      return changed(workspaceId, disconnectCatalog(deps, workspaceId));
    },
  );

  readRoute(
    app,
    "/v1/phone-numbers",
    {
      tags,
      summary: "The WABA's phone numbers",
      response: { 200: z.object({ data: z.array(PhoneNumberOut) }) },
    },
    async (workspaceId) => ({
      data: await listPhoneNumbers(deps.db, workspaceId),
    }),
  );

  app.post(
    "/v1/phone-numbers/sync",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary: "Re-read the numbers from Meta",
        response: { 200: z.object({ data: z.array(PhoneNumberOut) }) },
      },
    },
    async (request) => {
      const { workspaceId } = requireWorkspace(request);
      await syncPhoneNumbers(deps, workspaceId);
      return { data: await listPhoneNumbers(deps.db, workspaceId) };
    },
  );

  app.post(
    "/v1/phone-numbers/:id/activate",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary: "Register the number with Meta (two-step PIN) and make it an active sending number",
        params: z.object({ id: z.string() }),
        body: z.object({ pin: z.string().regex(/^\d{6}$/, "must be 6 digits") }),
        response: { 200: PhoneNumberOut },
      },
    },
    async (request) => {
      const { workspaceId } = requireRole(request, [...managers]);
      return phoneNumberView(
        await activatePhoneNumber(deps, workspaceId, request.params.id, request.body.pin),
        "connected",
      );
    },
  );

  app.post(
    "/v1/phone-numbers/:id/deactivate",
    {
      config: { access: ["owner", "admin"] },
      schema: {
        tags,
        summary: "Stop sending from the number",
        params: z.object({ id: z.string() }),
        response: { 200: PhoneNumberOut },
      },
    },
    async (request) => {
      const { workspaceId } = requireRole(request, [...managers]);
      const row = await deactivatePhoneNumber(deps, workspaceId, request.params.id);
      return phoneNumberView(row, (await describeConnection(deps.db, workspaceId)).status);
    },
  );
}
