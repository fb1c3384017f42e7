import { appAccessToken } from "../../graph/index.js";
import { AppError } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { upsertConnection } from "./connection.repo.js";
import type { CheckDeps } from "./check-connection.js";
import { metaFailure } from "./meta-failure.js";
import { CATALOG_TOKEN, CONNECTION_RECORD } from "./workspace-graph.js";

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
  const { graph, appId, appSecret } = deps.meta;
  const debug = await graph.oauth.debugToken(appAccessToken(appId, appSecret), input.accessToken).then(
    (r) => r.data.data,
    (err) => Promise.reject(metaFailure(err, "checking the catalog token")),
  );
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
    await graph.catalog.listProducts(input.accessToken, input.catalogId, { limit: 1 });
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
