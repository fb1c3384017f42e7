import { z } from "zod";
import { isChannelError } from "../../channels/index.js";
import { defineJob } from "../../platform/jobs/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { checkCatalogToken } from "./catalog-token.js";
import { findConnection, listConnectedWorkspaces, upsertConnection } from "./connection.repo.js";
import type { MetaApp } from "./meta-app.js";
import { channelFailure as metaFailure } from "../../channels/index.js";
import { warnIfTokenExpiring } from "./warn-expiring-token.js";
import {
  channelForWorkspace,
  CONNECTION_RECORD,
  META_TOKEN,
  reportTokenFailure,
  type WorkspaceChannelDeps,
} from "./workspace-channel.js";

export type CheckDeps = WorkspaceChannelDeps & { meta: MetaApp };

/**
 * Asks Meta (debug_token) whether the stored token still works. An invalid or expired token marks
 * the connection needs_reconnect; Meta being unreachable changes nothing (it is not the token's fault).
 */
export async function checkConnection(
  deps: CheckDeps,
  workspaceId: WorkspaceId,
): Promise<{ valid: boolean; reason?: string }> {
  // The catalog token is checked on its own: its failure never touches the WhatsApp connection.
  await checkCatalogToken(deps, workspaceId);
  const conn = await findConnection(deps.db, workspaceId);
  if (!conn || conn.status === "disconnected") return { valid: false, reason: "not connected" };
  const token = await deps.vault.findSecret(workspaceId, META_TOKEN, CONNECTION_RECORD);
  if (!token) return { valid: false, reason: "no stored token" };
  const now = deps.clock.now();
  let reason: string | null = null;
  if (conn.channel !== "meta") return checkThroughChannel(deps, workspaceId, now);
  try {
    const data = await deps.meta.channel.connect.debugToken(token);
    if (!data.is_valid) reason = data.error?.message ?? "Meta reports the token as invalid";
    else if (data.expires_at && data.expires_at * 1000 <= now) reason = "the token has expired";
    else
      await upsertConnection(deps.db, workspaceId, {
        last_checked_at: now,
        token_expires_at: data.expires_at ? data.expires_at * 1000 : conn.token_expires_at,
        updated_at: now,
      });
  } catch (err) {
    if (!isChannelError(err, "auth_lapsed")) throw metaFailure(err, "checking the token");
    reason = err.message;
  }
  if (reason === null) return { valid: true };
  await reportTokenFailure(deps, workspaceId, reason);
  await upsertConnection(deps.db, workspaceId, { last_checked_at: now, updated_at: now });
  return { valid: false, reason };
}

/**
 * Another channel's secret is not Meta's token (debug_token would refuse it): the account read
 * through the channel itself says whether it still works, and an auth lapse there marks the
 * connection needs_reconnect (channelForWorkspace's hook).
 */
async function checkThroughChannel(
  deps: CheckDeps,
  workspaceId: WorkspaceId,
  now: number,
): Promise<{ valid: boolean; reason?: string }> {
  try {
    await (await channelForWorkspace(deps, workspaceId)).account.get(["id"]);
  } catch (err) {
    if (isChannelError(err, "auth_lapsed")) {
      await upsertConnection(deps.db, workspaceId, { last_checked_at: now, updated_at: now });
      return { valid: false, reason: err.message };
    }
    throw metaFailure(err, "checking the connection");
  }
  await upsertConnection(deps.db, workspaceId, { last_checked_at: now, updated_at: now });
  return { valid: true };
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
