import { GraphAuthError, type GraphClient } from "../../graph/index.js";
import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import type { Vault } from "../../platform/crypto/index.js";
import type { EventBus } from "../../platform/events.js";
import { AppError } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findConnection, markNeedsReconnect } from "./connection.repo.js";

export const META_TOKEN = "meta_token";
export const CATALOG_TOKEN = "catalog_token";
/** One connection per workspace: the secret's record id. */
export const CONNECTION_RECORD = "connection";

type TokenFirst = (token: string, ...rest: never[]) => unknown;
type Bind<NS> = {
  [K in keyof NS]: NS[K] extends (token: string, ...rest: infer A) => infer R ? (...rest: A) => R : never;
};
export type BoundGraph = {
  [K in "wabas" | "phoneNumbers" | "messages" | "media" | "uploads"]: Bind<GraphClient[K]>;
};
export type BoundCatalog = Bind<GraphClient["catalog"]>;

function bind<NS extends object>(ns: NS, token: string, onAuthError: (err: GraphAuthError) => Promise<void>): Bind<NS> {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(ns)) {
    if (typeof fn !== "function") continue;
    out[name] = async (...args: unknown[]) => {
      try {
        return await (fn as TokenFirst)(token, ...(args as never[]));
      } catch (err) {
        if (err instanceof GraphAuthError) await onAuthError(err);
        throw err;
      }
    };
  }
  return out as Bind<NS>;
}

export interface WorkspaceGraphDeps {
  db: AnyDb;
  vault: Vault;
  clock: Clock;
  events: EventBus;
  graph: GraphClient;
}

/**
 * The Graph client bound to one workspace's token: the only way other modules reach Meta, so no
 * module ever holds a decrypted token. Any 190 through it marks the connection needs_reconnect,
 * which pauses the workspace's sending until the same OAuth flow runs again.
 */
export async function graphForWorkspace(
  deps: WorkspaceGraphDeps,
  workspaceId: WorkspaceId,
): Promise<BoundGraph & { wabaId: string }> {
  const conn = await findConnection(deps.db, workspaceId);
  if (!conn || conn.status === "disconnected" || !conn.waba_id)
    throw new AppError("NOT_CONNECTED", "Connect a WhatsApp Business Account first (Settings → WhatsApp Connection).");
  if (conn.status === "needs_reconnect")
    throw new AppError(
      "CONNECTION_NEEDS_RECONNECT",
      "The Meta access token expired or was revoked; reconnect WhatsApp in Settings. Queued work is kept.",
    );
  const token = await deps.vault.findSecret(workspaceId, META_TOKEN, CONNECTION_RECORD);
  if (!token) throw new AppError("NOT_CONNECTED", "The workspace has no stored Meta token; connect WhatsApp again.");
  const onAuthError = (err: GraphAuthError) => reportTokenFailure(deps, workspaceId, err.message);
  const g = deps.graph;
  return {
    wabaId: conn.waba_id,
    wabas: bind(g.wabas, token, onAuthError),
    phoneNumbers: bind(g.phoneNumbers, token, onAuthError),
    messages: bind(g.messages, token, onAuthError),
    media: bind(g.media, token, onAuthError),
    uploads: bind(g.uploads, token, onAuthError),
  };
}

export async function catalogGraphForWorkspace(
  deps: WorkspaceGraphDeps,
  workspaceId: WorkspaceId,
): Promise<BoundCatalog & { catalogId: string }> {
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
  const onAuthError = async (err: GraphAuthError) => {
    if (await markNeedsReconnect(deps.db, workspaceId, "catalog", err.message, deps.clock.now())) {
      await deps.events.recordEvent(deps.db, workspaceId, {
        type: "connection.catalog_needs_reconnect",
        at: deps.clock.now(),
        data: { error: err.message },
      });
    }
  };
  return { catalogId: conn.catalog_id, ...bind(deps.graph.catalog, token, onAuthError) };
}

/** A 190 from any call, or a failed scheduled check: pause the workspace and tell the dashboard. */
export async function reportTokenFailure(
  deps: Pick<WorkspaceGraphDeps, "db" | "clock" | "events">,
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
