import type { AnyDb, Executor } from "../../platform/db/index.js";
import { hotQuery, typed, workspaceTable } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

export type ConnectionStatus = "disconnected" | "connected" | "needs_reconnect";
export type CatalogStatus = "none" | "connected" | "needs_reconnect";

export interface ConnectionRow {
  workspace_id: string;
  status: ConnectionStatus;
  /** The provider the connection goes through (`ChannelId`: "meta", "360dialog"); "meta" for every older row. */
  channel: string;
  waba_id: string | null;
  waba_name: string | null;
  business_id: string | null;
  scopes: string;
  token_expires_at: number | null;
  /** The `token_expires_at` a connection.token_expiring event was recorded for. */
  token_expiry_warned_for: number | null;
  last_checked_at: number | null;
  last_error: string | null;
  connected_at: number | null;
  catalog_id: string | null;
  catalog_status: CatalogStatus;
  catalog_checked_at: number | null;
  catalog_last_error: string | null;
  /** Meta's last account_update event for the WABA, its ban/restriction/violation details (JSON) and when. */
  account_event: string | null;
  account_detail: string | null;
  account_event_at: number | null;
  /** business_capability_update fields as last received (JSON object, merged). */
  capabilities: string | null;
  updated_at: number;
}

export interface ConnectionTables {
  connections: ConnectionRow;
  oauth_states: {
    state_hash: string;
    workspace_id: string;
    redirect_uri: string;
    /** Who may complete the flow: the dashboard session that started it, or the API key. */
    session_id: string | null;
    api_key_id: string | null;
    /** An API key asked for a browser link; `browser_hash` then holds the link's, later the bound browser's, token hash. */
    browser_link: number;
    browser_hash: string | null;
    expires_at: number;
    used_at: number | null;
    /** Set while a consumed state waits for the user to pick one of several granted WABAs: JSON [{id, name}]. */
    waba_choices: string | null;
  };
}

const q = (db: AnyDb | Executor) => typed<ConnectionTables>(db);
const oauthStates = workspaceTable<ConnectionTables["oauth_states"]>({ table: "oauth_states" });

const connectionHot = hotQuery((db, [workspaceId]: [string]) =>
  q(db).selectFrom("connections").selectAll().where("workspace_id", "=", workspaceId),
);

/** Read on every send (a hot query). */
export async function findConnection(db: AnyDb | Executor, workspaceId: WorkspaceId): Promise<ConnectionRow | null> {
  return (await connectionHot(db, workspaceId)).rows[0] ?? null;
}

export async function upsertConnection(
  trx: Executor,
  workspaceId: WorkspaceId,
  values: Partial<Omit<ConnectionRow, "workspace_id">> & { updated_at: number },
): Promise<void> {
  const row = {
    status: "disconnected" as ConnectionStatus,
    channel: "meta",
    scopes: "[]",
    catalog_status: "none" as CatalogStatus,
    ...values,
    workspace_id: workspaceId,
  };
  await q(trx)
    .insertInto("connections")
    .values(row)
    .onConflict((oc) => oc.column("workspace_id").doUpdateSet(values))
    .execute();
}

/**
 * Moves the workspace's Meta token (`waba`) or Catalog token to needs_reconnect, only if it is
 * connected: a late 190 cannot undo a fresh reconnect's status. True when it moved.
 */
export async function markNeedsReconnect(
  db: AnyDb,
  workspaceId: WorkspaceId,
  token: "waba" | "catalog",
  error: string,
  now: number,
): Promise<boolean> {
  const update = q(db).updateTable("connections").where("workspace_id", "=", workspaceId);
  const res = await (
    token === "waba"
      ? update.set({ status: "needs_reconnect", last_error: error, updated_at: now }).where("status", "=", "connected")
      : update
          .set({ catalog_status: "needs_reconnect", catalog_last_error: error, updated_at: now })
          .where("catalog_status", "=", "connected")
  ).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/**
 * Claims the one warning owed for this token expiry: true for the first caller only (a
 * conditional update, so two workers checking at once cannot both record it), false once the
 * expiry was announced, or when the token changed or the workspace is no longer connected.
 */
export async function claimTokenExpiryWarning(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  expiresAt: number,
  now: number,
): Promise<boolean> {
  const res = await q(db)
    .updateTable("connections")
    .set({ token_expiry_warned_for: expiresAt, updated_at: now })
    .where("workspace_id", "=", workspaceId)
    .where("status", "=", "connected")
    .where("token_expires_at", "=", expiresAt)
    .where((eb) => eb.or([eb("token_expiry_warned_for", "is", null), eb("token_expiry_warned_for", "<>", expiresAt)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

// cross-tenant: the scheduled syncs visit every connected workspace
export async function listConnectedWorkspaces(db: AnyDb): Promise<WorkspaceId[]> {
  const rows = await q(db).selectFrom("connections").select("workspace_id").where("status", "=", "connected").execute();
  return rows.map((r) => r.workspace_id as WorkspaceId);
}

export async function insertOAuthState(
  db: AnyDb,
  workspaceId: WorkspaceId,
  row: Omit<ConnectionTables["oauth_states"], "workspace_id">,
): Promise<void> {
  await oauthStates.insert(db, workspaceId, row);
}

/**
 * Single use, in one statement: of two requests racing with the same state (in any process),
 * exactly one gets the row back.
 */
// cross-tenant: the OAuth callback carries no credentials: the state, found by its hash, names the workspace
export async function consumeOAuthState(
  db: AnyDb,
  stateHash: string,
  now: number,
  by: {
    workspaceId: WorkspaceId | null;
    sessionId: string | null;
    apiKeyId: string | null;
    browserHash: string | null;
  },
): Promise<{ workspace_id: string; redirect_uri: string } | null> {
  const row = await q(db)
    .updateTable("oauth_states")
    .set({ used_at: now })
    .where("state_hash", "=", stateHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    // A state issued to another workspace is not consumed by this one's attempt.
    .$if(by.workspaceId !== null, (qb) => qb.where("workspace_id", "=", by.workspaceId!))
    // Only whoever started the flow completes it (login CSRF): the same dashboard session, the
    // same API key, or the browser bound through the key's one-time link. A state with none of
    // these (made before they were recorded) completes nowhere.
    .where((eb) =>
      eb.or([
        eb.and([eb("session_id", "is not", null), eb("session_id", "=", by.sessionId ?? "")]),
        eb.and([eb("api_key_id", "is not", null), eb("api_key_id", "=", by.apiKeyId ?? "")]),
        eb.and([
          eb("browser_link", "=", 1),
          eb("browser_hash", "is not", null),
          eb("browser_hash", "=", by.browserHash ?? ""),
        ]),
      ]),
    )
    .returning(["workspace_id", "redirect_uri"])
    .executeTakeFirst();
  return row ?? null;
}

/** The link's hash gives way to the browser's: in one statement, so a link binds one browser. */
// cross-tenant: the OAuth state is found by its hash, the credential the browser holds
export async function bindOAuthStateToBrowser(
  db: AnyDb,
  stateHash: string,
  linkHash: string,
  browserHash: string,
  now: number,
): Promise<boolean> {
  const r = await q(db)
    .updateTable("oauth_states")
    .set({ browser_hash: browserHash })
    .where("state_hash", "=", stateHash)
    .where("browser_link", "=", 1)
    .where("browser_hash", "=", linkHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A consumed state now waits for the user's pick among these WABAs (the token is in the vault). */
export async function setWabaChoices(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  stateHash: string,
  choices: { id: string; name: string | null }[] | null,
): Promise<void> {
  await oauthStates.update(
    db,
    workspaceId,
    { state_hash: stateHash },
    { waba_choices: choices ? JSON.stringify(choices) : null },
  );
}

/**
 * The pick a consumed state waits for, if whoever started the flow asks before the state expires;
 * taking it (`take`) clears it, so a pick completes once.
 */
export async function findWabaChoices(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  stateHash: string,
  now: number,
  by: { sessionId: string | null; apiKeyId: string | null },
  take: boolean,
): Promise<{ id: string; name: string | null }[] | null> {
  const row = await q(db)
    .selectFrom("oauth_states")
    .select(["waba_choices"])
    .where("workspace_id", "=", workspaceId)
    .where("state_hash", "=", stateHash)
    .where("waba_choices", "is not", null)
    .where("expires_at", ">", now)
    .where((eb) =>
      eb.or([
        eb.and([eb("session_id", "is not", null), eb("session_id", "=", by.sessionId ?? "")]),
        eb.and([eb("api_key_id", "is not", null), eb("api_key_id", "=", by.apiKeyId ?? "")]),
      ]),
    )
    .executeTakeFirst();
  if (!row?.waba_choices) return null;
  if (take) {
    const waiting = { state_hash: stateHash, waba_choices: row.waba_choices };
    if ((await oauthStates.update(db, workspaceId, waiting, { waba_choices: null })) !== 1) return null;
  }
  return JSON.parse(row.waba_choices) as { id: string; name: string | null }[];
}

// cross-tenant: the OAuth state is found by its hash, the credential the browser holds
export async function findOAuthState(db: AnyDb, stateHash: string) {
  return (
    (await q(db).selectFrom("oauth_states").selectAll().where("state_hash", "=", stateHash).executeTakeFirst()) ?? null
  );
}

/** Workspaces connected to a WABA (template and account webhooks name the WABA, not a number). */
/** The workspace that holds the WABA (at most one: `meta_claims`), for routing Meta's webhooks. */
// cross-tenant: webhook routing by Meta's WABA id
export async function workspacesOfWaba(db: AnyDb, wabaId: string): Promise<WorkspaceId[]> {
  const rows = await typed<ClaimTables & ConnectionTables>(db)
    .selectFrom("meta_claims")
    .innerJoin("connections", "connections.workspace_id", "meta_claims.workspace_id")
    .select("meta_claims.workspace_id")
    .where("meta_claims.kind", "=", "waba")
    .where("meta_claims.meta_id", "=", wabaId)
    .where("connections.waba_id", "=", wabaId)
    .where("connections.status", "!=", "disconnected")
    .execute();
  return rows.map((r) => r.workspace_id as WorkspaceId);
}

export type ClaimKind = "waba" | "phone_number";

/**
 * Takes a Meta id for the workspace inside the caller's transaction, or says who holds it. The
 * primary key decides races between processes: the loser's insert does nothing and it reads the
 * winner. Re-claiming one's own id is a no-op.
 */
export async function claimMetaId(
  trx: Executor,
  workspaceId: WorkspaceId,
  kind: ClaimKind,
  metaId: string,
  now: number,
): Promise<boolean> {
  await typed<ClaimTables>(trx)
    .insertInto("meta_claims")
    .values({ kind, meta_id: metaId, workspace_id: workspaceId, claimed_at: now })
    .onConflict((oc) => oc.columns(["kind", "meta_id"]).doNothing())
    .execute();
  const row = await typed<ClaimTables>(trx)
    .selectFrom("meta_claims")
    .select("workspace_id")
    .where("kind", "=", kind)
    .where("meta_id", "=", metaId)
    .executeTakeFirst();
  return row?.workspace_id === workspaceId;
}

/** Whether another workspace holds the WABA (who it is, is not read). */
// cross-tenant: a WABA belongs to one workspace; only whether another holds it is read
export async function wabaHeldElsewhere(db: AnyDb, workspaceId: WorkspaceId, wabaId: string): Promise<boolean> {
  const row = await typed<ClaimTables>(db)
    .selectFrom("meta_claims")
    .select("workspace_id")
    .where("kind", "=", "waba")
    .where("meta_id", "=", wabaId)
    .where("workspace_id", "!=", workspaceId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Releases the workspace's claims: all of them (disconnect), or of one kind and id (deactivate). */
export async function releaseMetaClaims(
  trx: Executor,
  workspaceId: WorkspaceId,
  only?: { kind: ClaimKind; metaId?: string },
): Promise<void> {
  let qb = typed<ClaimTables>(trx).deleteFrom("meta_claims").where("workspace_id", "=", workspaceId);
  if (only) qb = qb.where("kind", "=", only.kind);
  if (only?.metaId !== undefined) qb = qb.where("meta_id", "=", only.metaId);
  await qb.execute();
}

interface ClaimTables {
  meta_claims: { kind: ClaimKind; meta_id: string; workspace_id: string; claimed_at: number };
}

/** Meta's account_update for the WABA, kept on every connection of it (normally one). */
// cross-tenant: Meta's account webhooks name the WABA; every workspace connected to it holds the same Meta account
export async function setAccountEvent(
  db: AnyDb | Executor,
  wabaId: string,
  event: { event: string; detail: Record<string, unknown>; at: number },
): Promise<void> {
  await q(db)
    .updateTable("connections")
    .set({ account_event: event.event, account_detail: JSON.stringify(event.detail), account_event_at: event.at })
    .where("waba_id", "=", wabaId)
    .where("status", "!=", "disconnected")
    .execute();
}

/** Merges business_capability_update fields into what is known (each field arrives on its own). */
// cross-tenant: Meta's account webhooks name the WABA; every workspace connected to it holds the same Meta account
export async function mergeCapabilities(
  db: AnyDb | Executor,
  wabaId: string,
  fields: Record<string, unknown>,
): Promise<void> {
  const rows = await q(db)
    .selectFrom("connections")
    .select(["workspace_id", "capabilities"])
    .where("waba_id", "=", wabaId)
    .where("status", "!=", "disconnected")
    .execute();
  for (const r of rows) {
    const merged = { ...(r.capabilities ? (JSON.parse(r.capabilities) as Record<string, unknown>) : {}), ...fields };
    await q(db)
      .updateTable("connections")
      .set({ capabilities: JSON.stringify(merged) })
      .where("workspace_id", "=", r.workspace_id)
      .execute();
  }
}
