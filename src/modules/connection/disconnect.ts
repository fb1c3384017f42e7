import type { WorkspaceId } from "../../platform/workspace-id.js";
import { releaseMetaClaims, upsertConnection } from "./connection.repo.js";
import { CATALOG_TOKEN, CONNECTION_RECORD, META_TOKEN, type WorkspaceChannelDeps } from "./workspace-channel.js";

/** Destroys the stored tokens (the ciphertexts are deleted) and marks the workspace disconnected. */
export async function disconnect(
  deps: Pick<WorkspaceChannelDeps, "db" | "vault" | "clock" | "events">,
  workspaceId: WorkspaceId,
): Promise<void> {
  const now = deps.clock.now();
  await deps.events.transaction(deps.db, async (trx) => {
    await deps.vault.deleteSecret(trx, workspaceId, META_TOKEN, CONNECTION_RECORD);
    await deps.vault.deleteSecret(trx, workspaceId, CATALOG_TOKEN, CONNECTION_RECORD);
    // The WABA and its numbers are free for another workspace to connect.
    await releaseMetaClaims(trx, workspaceId);
    await upsertConnection(trx, workspaceId, {
      status: "disconnected",
      last_error: null,
      catalog_id: null,
      catalog_status: "none",
      catalog_last_error: null,
      updated_at: now,
    });
    await deps.events.recordEvent(trx, workspaceId, { type: "connection.disconnected", at: now, data: {} });
  });
}
