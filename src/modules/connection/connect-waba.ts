import { appAccessToken, type DebugTokenData } from "../../graph/index.js";
import { newId, hashToken } from "../../platform/crypto/index.js";
import { AppError } from "../../platform/errors/index.js";
import { asWorkspaceId, type WorkspaceId } from "../../platform/workspace-id.js";
import {
  claimMetaId,
  consumeOAuthState,
  findConnection,
  findOAuthState,
  releaseMetaClaims,
  upsertConnection,
} from "./connection.repo.js";
import { REQUIRED_SCOPES, type MetaApp } from "./meta-app.js";
import { metaFailure } from "./meta-failure.js";
import { fetchPhoneNumbers } from "./sync-phone-numbers.js";
import {
  activePhoneNumbers,
  deactivateAllPhoneNumbers,
  setPhoneNumberActive,
  upsertPhoneNumbersFromMeta,
} from "./phone-numbers.repo.js";
import { CONNECTION_RECORD, META_TOKEN, type WorkspaceGraphDeps } from "./workspace-graph.js";

export type ConnectDeps = Omit<WorkspaceGraphDeps, "graph"> & { meta: MetaApp };

/**
 * connect: state → code exchange → debug_token → WABA and numbers → subscribe → store.
 * Everything that can fail at Meta happens before the first write, and the writes are one
 * transaction, so a failure leaves the workspace exactly as it was (connected or not).
 * Reconnecting runs the same path: the old token is overwritten (destroyed), the numbers keep
 * their active flags, and the status returns to connected, which resumes paused sending.
 */
export async function connectWaba(
  deps: ConnectDeps,
  input: {
    code: string;
    state: string;
    workspaceId: WorkspaceId | null;
    sessionId: string | null;
    apiKeyId?: string | null;
    browserHash?: string | null;
  },
): Promise<{ workspaceId: WorkspaceId; wabaId: string; phoneNumbers: number }> {
  const now = deps.clock.now();
  const stateHash = hashToken(input.state);
  const claimed = await consumeOAuthState(deps.db, stateHash, now, {
    workspaceId: input.workspaceId,
    sessionId: input.sessionId,
    apiKeyId: input.apiKeyId ?? null,
    browserHash: input.browserHash ?? null,
  });
  if (!claimed) throw await stateError(deps, stateHash, input.workspaceId, now);
  const workspaceId = asWorkspaceId(claimed.workspace_id);
  const { graph, appId, appSecret } = deps.meta;

  let token: string;
  let expiresIn: number | undefined;
  try {
    const res = await graph.oauth.exchangeCode({
      clientId: appId,
      clientSecret: appSecret,
      code: input.code,
      redirectUri: claimed.redirect_uri,
    });
    token = res.data.access_token;
    expiresIn = res.data.expires_in;
  } catch (err) {
    const failure = metaFailure(err, "exchanging the authorization code");
    if (failure.code === "META_REQUEST_FAILED" || failure.code === "CONNECTION_NEEDS_RECONNECT") {
      throw new AppError(
        "OAUTH_CODE_REJECTED",
        `Meta refused the authorization code (already used, expired, or issued for another redirect URI): ${failure.message}`,
        failure.extra,
      );
    }
    throw failure;
  }
  // Without an Embedded Signup configuration the code gives a user token that dies in about two
  // hours (Meta answers its `expires_in`; business tokens have none and never expire): trade it
  // at once for the long-lived one (about 60 days, `grant_type=fb_exchange_token`).
  if (expiresIn !== undefined) {
    const long = await graph.oauth
      .exchangeForLongLivedToken({ clientId: appId, clientSecret: appSecret, shortLivedToken: token })
      .catch((err) => Promise.reject(metaFailure(err, "exchanging the token for a long-lived one")));
    token = long.data.access_token;
    expiresIn = long.data.expires_in;
  }

  const debug = await graph.oauth.debugToken(appAccessToken(appId, appSecret), token).then(
    (r) => r.data.data,
    (err) => Promise.reject(metaFailure(err, "checking the new token")),
  );
  const wabaId = wabaFromToken(debug);
  const scopes = debug.scopes ?? [];

  const [waba, numbers] = await Promise.all([
    graph.wabas.get(token, wabaId).then(
      (r) => r.data,
      (err) => Promise.reject(metaFailure(err, "reading the WhatsApp Business Account")),
    ),
    fetchPhoneNumbers(graph, token, wabaId),
  ]);
  await graph.wabas
    .subscribeApp(token, wabaId)
    .catch((err) => Promise.reject(metaFailure(err, "subscribing Wharf to the account's webhooks")));

  const tokenExpiresAt = tokenExpiry(debug, expiresIn, now);
  await deps.events.transaction(deps.db, async (trx) => {
    // One workspace per WABA: refused before anything is written, and who holds it is not said.
    const previous = await findConnection(trx, workspaceId);
    if (!(await claimMetaId(trx, workspaceId, "waba", wabaId, now))) {
      throw new AppError(
        "WABA_ALREADY_CONNECTED",
        "This WhatsApp Business Account is already connected to another workspace of this Wharf. Disconnect it there first, then connect it here. Nothing was stored.",
      );
    }
    // Switching to another WABA gives up the old one and its numbers.
    if (previous?.waba_id && previous.waba_id !== wabaId) {
      await releaseMetaClaims(trx, workspaceId, { kind: "waba", metaId: previous.waba_id });
      await releaseMetaClaims(trx, workspaceId, { kind: "phone_number" });
      await deactivateAllPhoneNumbers(trx, workspaceId, now);
    }
    await deps.vault.putSecret(trx, workspaceId, META_TOKEN, CONNECTION_RECORD, token);
    await upsertConnection(trx, workspaceId, {
      status: "connected",
      waba_id: wabaId,
      waba_name: waba.name ?? null,
      scopes: JSON.stringify(scopes),
      token_expires_at: tokenExpiresAt,
      last_checked_at: now,
      last_error: null,
      connected_at: now,
      updated_at: now,
    });
    await upsertPhoneNumbersFromMeta(trx, workspaceId, numbers, now, () => newId("pn", now));
    // After a disconnect the numbers kept their active flags but not their claims: take them back,
    // or stop sending from one that another workspace now holds.
    for (const n of await activePhoneNumbers(trx, workspaceId)) {
      if (!(await claimMetaId(trx, workspaceId, "phone_number", n.meta_phone_number_id, now)))
        await setPhoneNumberActive(trx, workspaceId, n.id, false, now);
    }
    await deps.events.recordEvent(trx, workspaceId, { type: "connection.connected", at: now, data: { wabaId } });
  });
  return { workspaceId, wabaId, phoneNumbers: numbers.length };
}

/**
 * When the token stops working, in ms, or null for never: debug_token's `expires_at` (0 = never),
 * else the exchange's `expires_in`; a user token also loses data access at
 * `data_access_expires_at` (about 90 days), whichever comes first.
 */
function tokenExpiry(debug: DebugTokenData, expiresIn: number | undefined, now: number): number | null {
  const expires =
    debug.expires_at !== undefined
      ? debug.expires_at === 0
        ? null
        : debug.expires_at * 1000
      : expiresIn !== undefined
        ? now + expiresIn * 1000
        : null;
  const dataAccess = debug.type === "USER" && debug.data_access_expires_at ? debug.data_access_expires_at * 1000 : null;
  if (expires === null) return dataAccess;
  return dataAccess === null ? expires : Math.min(expires, dataAccess);
}

/** The WABA the token was granted for, from its granular scopes; refuses a token without one. */
function wabaFromToken(debug: DebugTokenData): string {
  if (!debug.is_valid)
    throw new AppError("OAUTH_CODE_REJECTED", "Meta says the new token is not valid; start the connection again.");
  const missing = REQUIRED_SCOPES.filter((s) => !(debug.scopes ?? []).includes(s));
  if (missing.length > 0) {
    throw new AppError(
      "MISSING_PERMISSION",
      `The token lacks the permission(s) ${missing.join(", ")}; connect again and grant access to your WhatsApp Business Account. Nothing was stored.`,
    );
  }
  const targets =
    (debug.granular_scopes ?? []).find((g) => g.scope === "whatsapp_business_management")?.target_ids ?? [];
  const wabaId = targets[0];
  if (!wabaId)
    throw new AppError(
      "MISSING_PERMISSION",
      "The token does not name a WhatsApp Business Account; in Meta's dialog, select the account to share. Nothing was stored.",
    );
  return wabaId;
}

async function stateError(
  deps: ConnectDeps,
  stateHash: string,
  workspaceId: WorkspaceId | null,
  now: number,
): Promise<AppError> {
  const row = await findOAuthState(deps.db, stateHash);
  // Only the workspace the state was issued to learns why; to anyone else it is simply invalid.
  if (row && (workspaceId === null || row.workspace_id === workspaceId)) {
    if (row.used_at !== null)
      return new AppError(
        "OAUTH_STATE_INVALID",
        "This connection attempt was already used; start again from Settings → WhatsApp Connection.",
      );
    if (row.expires_at <= now)
      return new AppError(
        "OAUTH_STATE_INVALID",
        "This connection attempt expired; start again from Settings → WhatsApp Connection.",
      );
  }
  return new AppError(
    "OAUTH_STATE_INVALID",
    "The OAuth state is not valid for this workspace; start the connection again.",
  );
}
