import {
  isChannelId,
  type ChannelCatalog,
  type ChannelRegistry,
  type ChannelSession,
  type ChannelSessionHooks,
} from "../../channels/index.js";
import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import type { Vault } from "../../platform/crypto/index.js";
import type { EventBus } from "../../platform/events.js";
import { AppError } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findConnection, markNeedsReconnect } from "./connection.repo.js";

/** The vault's name for the connection's secret (Meta's token, or the channel's key). */
export const META_TOKEN = "meta_token";
export const CATALOG_TOKEN = "catalog_token";
/** One connection per workspace: the secret's record id. */
export const CONNECTION_RECORD = "connection";

export interface WorkspaceChannelDeps {
  db: AnyDb;
  vault: Vault;
  clock: Clock;
  events: EventBus;
  channels: ChannelRegistry;
}

/**
 * The workspace's connection as a channel session (docs/channels.md): the only way other modules
 * reach a provider, so no module ever holds a decrypted secret. An auth lapse through it marks the
 * connection needs_reconnect, which pauses the workspace's sending until it is connected again.
 */
export async function channelForWorkspace(
  deps: WorkspaceChannelDeps,
  workspaceId: WorkspaceId,
): Promise<ChannelSession> {
  const conn = await findConnection(deps.db, workspaceId);
  if (!conn || conn.status === "disconnected" || !conn.waba_id)
    throw new AppError("NOT_CONNECTED", "Connect a WhatsApp Business Account first (Settings → WhatsApp Connection).");
  if (conn.status === "needs_reconnect")
    throw new AppError(
      "CONNECTION_NEEDS_RECONNECT",
      "The Meta access token expired or was revoked; reconnect WhatsApp in Settings. Queued work is kept.",
    );
  const channel = isChannelId(conn.channel) ? conn.channel : null;
  if (!channel || !deps.channels.has(channel))
    throw new AppError(
      "NOT_CONNECTED",
      `This Wharf cannot reach the connection's provider (${conn.channel}); connect WhatsApp again.`,
    );
  const secret = await deps.vault.findSecret(workspaceId, META_TOKEN, CONNECTION_RECORD);
  if (!secret) throw new AppError("NOT_CONNECTED", "The workspace has no stored Meta token; connect WhatsApp again.");
  const hooks: ChannelSessionHooks = { onAuthLapsed: (err) => reportTokenFailure(deps, workspaceId, err.message) };
  return deps.channels.get(channel).session({ secret, accountId: conn.waba_id }, hooks);
}

/** The workspace's catalog, reached with its own token (capability `catalog`). */
export async function catalogForWorkspace(
  deps: WorkspaceChannelDeps,
  workspaceId: WorkspaceId,
): Promise<ChannelCatalog> {
  const conn = await findConnection(deps.db, workspaceId);
  if (!conn?.catalog_id || conn.catalog_status === "none")
    throw new AppError("NOT_CONNECTED", "Connect a Meta Catalog token first (Settings → WhatsApp Connection).");
  if (conn.catalog_status === "needs_reconnect")
    throw new AppError(
      "CONNECTION_NEEDS_RECONNECT",
      "The Meta Catalog token expired or was revoked; enter a new one in Settings.",
    );
  const token = await deps.vault.findSecret(workspaceId, CATALOG_TOKEN, CONNECTION_RECORD);
  if (!token) throw new AppError("NOT_CONNECTED", "The workspace has no stored catalog token.");
  // Catalogs are Meta's (Commerce Manager) whichever channel sends the messages.
  const adapter = deps.channels.get("meta");
  if (!adapter.catalog) throw new AppError("NOT_SUPPORTED_BY_CHANNEL", "This Wharf has no catalog adapter.");
  const hooks: ChannelSessionHooks = {
    onAuthLapsed: async (err) => {
      if (await markNeedsReconnect(deps.db, workspaceId, "catalog", err.message, deps.clock.now())) {
        await deps.events.recordEvent(deps.db, workspaceId, {
          type: "connection.catalog_needs_reconnect",
          at: deps.clock.now(),
          data: { error: err.message },
        });
      }
    },
  };
  return adapter.catalog({ secret: token, catalogId: conn.catalog_id }, hooks);
}

/** An auth lapse from any call, or a failed scheduled check: pause the workspace and tell the dashboard. */
export async function reportTokenFailure(
  deps: Pick<WorkspaceChannelDeps, "db" | "clock" | "events">,
  workspaceId: WorkspaceId,
  reason: string,
): Promise<void> {
  if (await markNeedsReconnect(deps.db, workspaceId, "waba", reason, deps.clock.now())) {
    await deps.events.recordEvent(deps.db, workspaceId, {
      type: "connection.needs_reconnect",
      at: deps.clock.now(),
      data: { error: reason },
    });
  }
}
