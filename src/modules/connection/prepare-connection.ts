import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import { hashToken, randomToken } from "../../platform/crypto/index.js";
import { AppError } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { bindOAuthStateToBrowser, insertOAuthState } from "./connection.repo.js";
import { REQUIRED_SCOPES, type MetaApp } from "./meta-app.js";

export const STATE_TTL_MS = 10 * 60_000;
/** The cookie that binds a browser opened through an API key's one-time link to that flow. */
export const OAUTH_BROWSER_COOKIE = "wharf_oauth";

type PrepareDeps = {
  db: AnyDb;
  clock: Clock;
  meta: Pick<MetaApp, "appId" | "graphVersion" | "dialogBaseUrl" | "configId" | "redirectUri" | "dashboardUrl">;
};

/** Who started the flow: only they can complete it (OAuth login CSRF, issue 11 finding 4). */
export type StateCreator = { sessionId: string } | { apiKeyId: string; browser: boolean };

/**
 * prepareToConnect: Meta's login URL with a fresh state. The state is random, stored only as a
 * hash, bound to this workspace and to whoever asked for it, single-use and short-lived.
 * - A dashboard session's state completes only with that session's cookie.
 * - An API key's state completes only through `POST /v1/connection/connect` with that key; or,
 *   when the key asks for `browser: true`, in the one browser that first opens the returned
 *   one-time `browserUrl` (it gets a cookie there, and the callback wants it back).
 */
export async function prepareConnection(
  deps: PrepareDeps,
  workspaceId: WorkspaceId,
  creator: StateCreator,
  /** For Embedded Signup through Meta's JS SDK: its popup's code is issued (and exchanged) without a redirect URI. */
  options: { popup?: boolean } = {},
): Promise<{ authorizationUrl: string; state: string; expiresAt: number; browserUrl?: string }> {
  const state = randomToken(24);
  const now = deps.clock.now();
  const expiresAt = now + STATE_TTL_MS;
  const link = "apiKeyId" in creator && creator.browser ? randomToken(24) : null;
  await insertOAuthState(deps.db, workspaceId, {
    state_hash: hashToken(state),
    redirect_uri: options.popup ? "" : deps.meta.redirectUri,
    session_id: "sessionId" in creator ? creator.sessionId : null,
    api_key_id: "apiKeyId" in creator ? creator.apiKeyId : null,
    browser_link: link ? 1 : 0,
    browser_hash: link ? hashToken(link) : null,
    expires_at: expiresAt,
    used_at: null,
    waba_choices: null,
  });
  const out = { authorizationUrl: authorizationUrl(deps.meta, state), state, expiresAt };
  if (!link) return out;
  const browserUrl = new URL("/oauth/meta/start", deps.meta.dashboardUrl);
  browserUrl.searchParams.set("state", state);
  browserUrl.searchParams.set("link", link);
  return { ...out, browserUrl: browserUrl.toString() };
}

/**
 * The one-time link: binds the flow to this browser (a fresh random cookie whose hash replaces
 * the link's, so the link works once) and returns where to send the browser next.
 */
export async function bindBrowser(
  deps: PrepareDeps,
  input: { state: string; link: string },
): Promise<{ cookie: string; authorizationUrl: string }> {
  const cookie = randomToken(24);
  const bound = await bindOAuthStateToBrowser(
    deps.db,
    hashToken(input.state),
    hashToken(input.link),
    hashToken(cookie),
    deps.clock.now(),
  );
  if (!bound)
    throw new AppError(
      "OAUTH_STATE_INVALID",
      "This connection link was already used or has expired; ask for a new one.",
    );
  return { cookie, authorizationUrl: authorizationUrl(deps.meta, input.state) };
}

function authorizationUrl(meta: PrepareDeps["meta"], state: string): string {
  const url = new URL(`${meta.dialogBaseUrl}/${meta.graphVersion}/dialog/oauth`);
  url.searchParams.set("client_id", meta.appId);
  url.searchParams.set("redirect_uri", meta.redirectUri);
  url.searchParams.set("state", state);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("scope", REQUIRED_SCOPES.join(","));
  if (meta.configId) url.searchParams.set("config_id", meta.configId);
  return url.toString();
}
