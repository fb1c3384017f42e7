import { z } from "zod";
import { appAccessToken, GraphAuthError } from "../../graph/index.js";
import { defineJob } from "../../platform/jobs/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findConnection, listConnectedWorkspaces, upsertConnection } from "./connection.repo.js";
import type { MetaApp } from "./meta-app.js";
import { metaFailure } from "./meta-failure.js";
import { warnIfTokenExpiring } from "./warn-expiring-token.js";
import { CONNECTION_RECORD, META_TOKEN, reportTokenFailure, type WorkspaceGraphDeps } from "./workspace-graph.js";

export type CheckDeps = Omit<WorkspaceGraphDeps, "graph"> & { meta: MetaApp };

/**
 * Asks Meta (debug_token) whether the stored token still works. An invalid or expired token marks
 * the connection needs_reconnect; Meta being unreachable changes nothing (it is not the token's fault).
 */
export async function checkConnection(
  deps: CheckDeps,
  workspaceId: WorkspaceId,
): Promise<{ valid: boolean; reason?: string }> {
  const conn = await findConnection(deps.db, workspaceId);
  if (!conn || conn.status === "disconnected") return { valid: false, reason: "not connected" };
  const token = await deps.vault.findSecret(workspaceId, META_TOKEN, CONNECTION_RECORD);
  if (!token) return { valid: false, reason: "no stored token" };
  const now = deps.clock.now();
  let reason: string | null = null;
  try {
    const { data } = (
      await deps.meta.graph.oauth.debugToken(appAccessToken(deps.meta.appId, deps.meta.appSecret), token)
    ).data;
    if (!data.is_valid) reason = data.error?.message ?? "Meta reports the token as invalid";
    else if (data.expires_at && data.expires_at * 1000 <= now) reason = "the token has expired";
    else
      await upsertConnection(deps.db, workspaceId, {
        last_checked_at: now,
        token_expires_at: data.expires_at ? data.expires_at * 1000 : conn.token_expires_at,
        updated_at: now,
      });
  } catch (err) {
    if (!(err instanceof GraphAuthError)) throw metaFailure(err, "checking the token");
    reason = err.message;
  }
  if (reason === null) return { valid: true };
  await reportTokenFailure(deps, workspaceId, reason);
  await upsertConnection(deps.db, workspaceId, { last_checked_at: now, updated_at: now });
  return { valid: false, reason };
}

/**
 * Every few hours: check every connected workspace's token, so a lapse shows before a send fails,
 * and announce a token that expires within a week (connection.token_expiring).
 */
export function checkTokensJob(deps: CheckDeps, everyMs = 6 * 3_600_000) {
  return defineJob({
    name: "connection.check-tokens",
    payload: z.object({}),
    everyMs,
    async handler() {
      for (const workspaceId of await listConnectedWorkspaces(deps.db)) {
        // One workspace's trouble (Meta down for it) must not stop the others' checks.
        await checkConnection(deps, workspaceId).catch(() => undefined);
        await warnIfTokenExpiring(deps, workspaceId).catch(() => undefined);
      }
    },
  });
}
