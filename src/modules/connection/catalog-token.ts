import { isChannelError } from "../../channels/index.js";
import { AppError } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findConnection, markNeedsReconnect, upsertConnection } from "./connection.repo.js";
import type { MetaApp } from "./meta-app.js";
import { channelFailure as metaFailure } from "../../channels/index.js";
import { CATALOG_TOKEN, CONNECTION_RECORD, type WorkspaceChannelDeps } from "./workspace-channel.js";

type CheckDeps = Omit<WorkspaceChannelDeps, "channels"> & { meta: MetaApp };

/**
 * Stores a separate Meta Catalog token after proving it can read the catalog (list its products)
 * and write it (catalog_management granted for that catalog, per debug_token). Its health is
 * tracked apart from the WABA token.
 */
export async function connectCatalog(
  deps: CheckDeps,
  workspaceId: WorkspaceId,
  input: { catalogId: string; accessToken: string },
): Promise<void> {
  const { connect } = deps.meta.channel;
  const debug = await connect
    .debugToken(input.accessToken)
    .catch((err) => Promise.reject(metaFailure(err, "checking the catalog token")));
  if (!debug.is_valid)
    throw new AppError(
      "CATALOG_TOKEN_INVALID",
      "Meta says this token is not valid; create a new one with catalog_management.",
    );
  const grant = (debug.granular_scopes ?? []).find((g) => g.scope === "catalog_management");
  const covers = grant !== undefined && (grant.target_ids === undefined || grant.target_ids.includes(input.catalogId));
  if (!(debug.scopes ?? []).includes("catalog_management") || !covers) {
    throw new AppError(
      "CATALOG_TOKEN_INVALID",
      `The token cannot manage catalog ${input.catalogId}: it needs the catalog_management permission for that catalog. Nothing was stored.`,
    );
  }
  try {
    await connect.catalog(input.accessToken, input.catalogId).listProducts({ limit: 1 });
  } catch (err) {
    const failure = metaFailure(err, `reading catalog ${input.catalogId}`);
    throw new AppError("CATALOG_TOKEN_INVALID", `${failure.message} Nothing was stored.`, failure.extra);
  }
  const now = deps.clock.now();
  await deps.events.transaction(deps.db, async (trx) => {
    await deps.vault.putSecret(trx, workspaceId, CATALOG_TOKEN, CONNECTION_RECORD, input.accessToken);
    await upsertConnection(trx, workspaceId, {
      catalog_id: input.catalogId,
      catalog_status: "connected",
      catalog_checked_at: now,
      catalog_last_error: null,
      updated_at: now,
    });
    await deps.events.recordEvent(trx, workspaceId, {
      type: "connection.catalog_connected",
      at: now,
      data: { catalogId: input.catalogId },
    });
  });
}

export async function disconnectCatalog(deps: Omit<CheckDeps, "meta">, workspaceId: WorkspaceId): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await deps.vault.deleteSecret(trx, workspaceId, CATALOG_TOKEN, CONNECTION_RECORD);
    await upsertConnection(trx, workspaceId, {
      catalog_id: null,
      catalog_status: "none",
      catalog_last_error: null,
      updated_at: now,
    });
  });
}

/**
 * The catalog token's own health check (beside the WhatsApp token's, in `POST /v1/connection/check`
 * and the scheduled check): Meta calling it invalid or expired marks the catalog needs_reconnect,
 * which pauses its sync and is the one problem shown (products keep their last status). Meta
 * being unreachable changes nothing. The WhatsApp connection is not touched either way.
 */
export async function checkCatalogToken(
  deps: CheckDeps,
  workspaceId: WorkspaceId,
): Promise<{ valid: boolean; reason?: string } | null> {
  const conn = await findConnection(deps.db, workspaceId);
  if (!conn?.catalog_id || conn.catalog_status !== "connected") return null;
  const token = await deps.vault.findSecret(workspaceId, CATALOG_TOKEN, CONNECTION_RECORD);
  if (!token) return null;
  const now = deps.clock.now();
  let reason: string | null = null;
  try {
    const data = await deps.meta.channel.connect.debugToken(token);
    if (!data.is_valid) reason = data.error?.message ?? "Meta reports the catalog token as invalid";
    else if (data.expires_at && data.expires_at * 1000 <= now) reason = "the catalog token has expired";
  } catch (err) {
    if (!isChannelError(err, "auth_lapsed")) return null;
    reason = err.message;
  }
  if (reason === null) {
    await upsertConnection(deps.db, workspaceId, { catalog_checked_at: now, updated_at: now });
    return { valid: true };
  }
  if (await markNeedsReconnect(deps.db, workspaceId, "catalog", reason, now))
    await deps.events.recordEvent(deps.db, workspaceId, {
      type: "connection.catalog_needs_reconnect",
      at: now,
      data: { error: reason },
    });
  await upsertConnection(deps.db, workspaceId, { catalog_checked_at: now, updated_at: now });
  return { valid: false, reason };
}
