import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import { hashToken, randomToken } from "../../platform/crypto/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { insertOAuthState } from "./connection.repo.js";
import { REQUIRED_SCOPES, type MetaApp } from "./meta-app.js";

export const STATE_TTL_MS = 10 * 60_000;

/**
 * prepareToConnect: Meta's login URL with a fresh state. The state is random, stored only as a
 * hash, bound to this workspace, single-use and short-lived: it is the CSRF protection of the flow.
 */
export async function prepareConnection(
  deps: { db: AnyDb; clock: Clock; meta: Pick<MetaApp, "appId" | "graphVersion" | "dialogBaseUrl" | "configId" | "redirectUri"> },
  workspaceId: WorkspaceId,
  sessionId: string | null,
): Promise<{ authorizationUrl: string; state: string; expiresAt: number }> {
  const state = randomToken(24);
  const now = deps.clock.now();
  const expiresAt = now + STATE_TTL_MS;
  await insertOAuthState(deps.db, { state_hash: hashToken(state), workspace_id: workspaceId, redirect_uri: deps.meta.redirectUri, session_id: sessionId, expires_at: expiresAt, used_at: null });
  const url = new URL(`${deps.meta.dialogBaseUrl}/${deps.meta.graphVersion}/dialog/oauth`);
  url.searchParams.set("client_id", deps.meta.appId);
  url.searchParams.set("redirect_uri", deps.meta.redirectUri);
  url.searchParams.set("state", state);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("scope", REQUIRED_SCOPES.join(","));
  if (deps.meta.configId) url.searchParams.set("config_id", deps.meta.configId);
  return { authorizationUrl: url.toString(), state, expiresAt };
}
