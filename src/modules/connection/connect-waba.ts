import type { DebugTokenData } from "../../channels/index.js";
import { hashToken } from "../../platform/crypto/index.js";
import { AppError } from "../../platform/errors/index.js";
import { asWorkspaceId, type WorkspaceId } from "../../platform/workspace-id.js";
import { claimMetaId, consumeOAuthState, findOAuthState, findWabaChoices, setWabaChoices } from "./connection.repo.js";
import { REQUIRED_SCOPES, type MetaApp } from "./meta-app.js";
import { channelFailure as metaFailure } from "../../channels/index.js";
import { fetchPhoneNumbers } from "./sync-phone-numbers.js";
import { activePhoneNumbers, findPhoneNumberRow, setPhoneNumberActive } from "./phone-numbers.repo.js";
import { storeConnected, takeWaba } from "./take-waba.js";
import type { WorkspaceChannelDeps } from "./workspace-channel.js";

export type ConnectDeps = Omit<WorkspaceChannelDeps, "channels"> & { meta: MetaApp };

/**
 * connect: state → code exchange → debug_token → WABA and numbers → subscribe → store.
 * Everything that can fail at Meta happens before the first write, and the writes are one
 * transaction, so a failure leaves the workspace exactly as it was (connected or not).
 * Reconnecting runs the same path: the old token is overwritten (destroyed), the numbers keep
 * their active flags, and the status returns to connected, which resumes paused sending.
 */
/** The vault purpose of a token waiting for the user's pick among several WABAs (record: the state's hash). */
export const PENDING_META_TOKEN = "meta_token_pending";

type Pending = { token: string; expiresIn?: number };

/**
 * connect: state → code exchange → debug_token → WABA and numbers → subscribe → store.
 * Everything that can fail at Meta happens before the first write, and the writes are one
 * transaction, so a failure leaves the workspace exactly as it was (connected or not).
 * Reconnecting runs the same path: the old token is overwritten (destroyed), the numbers keep
 * their active flags, and the status returns to connected, which resumes paused sending.
 *
 * Embedded Signup's popup names the WABA (and number) the user set up (`wabaId`,
 * `phoneNumberId` from its FINISH message): that WABA is bound, if the token grants it. A token
 * that grants several WABAs without one named is kept encrypted, and the call answers
 * WABA_CHOICE_REQUIRED with the accounts; the same state then completes once with
 * `{state, wabaId}` and no code.
 */
export async function connectWaba(
  deps: ConnectDeps,
  input: {
    code?: string | null;
    state: string;
    wabaId?: string | null;
    phoneNumberId?: string | null;
    workspaceId: WorkspaceId | null;
    sessionId: string | null;
    apiKeyId?: string | null;
    browserHash?: string | null;
  },
): Promise<{ workspaceId: WorkspaceId; wabaId: string; phoneNumbers: number; phoneNumberId: string | null }> {
  const now = deps.clock.now();
  const stateHash = hashToken(input.state);
  if (!input.code) return resumeChoice(deps, { ...input, stateHash, now });
  const claimed = await consumeOAuthState(deps.db, stateHash, now, {
    workspaceId: input.workspaceId,
    sessionId: input.sessionId,
    apiKeyId: input.apiKeyId ?? null,
    browserHash: input.browserHash ?? null,
  });
  if (!claimed) throw await stateError(deps, stateHash, input.workspaceId, now);
  const workspaceId = asWorkspaceId(claimed.workspace_id);
  // A state prepared for the JS SDK's popup has no redirect URI: Meta issued its code without one.
  const { token, expiresIn } = await exchange(deps, input.code, claimed.redirect_uri || undefined);
  const debug = await debugToken(deps, token);
  const granted = wabasFromToken(debug);
  if (input.wabaId && !granted.includes(input.wabaId)) throw notGranted(input.wabaId);
  const wabaId = input.wabaId ?? (granted.length === 1 ? granted[0]! : null);
  if (wabaId === null) {
    const choices = await Promise.all(
      granted.map((id) =>
        deps.meta.channel.connect
          .session(token, id)
          .account.get()
          .then(
            (waba) => ({ id, name: waba.name ?? null }),
            (err) => Promise.reject(metaFailure(err, "reading the WhatsApp Business Accounts")),
          ),
      ),
    );
    const pending: Pending = { token, ...(expiresIn !== undefined ? { expiresIn } : {}) };
    await deps.db.transaction().execute(async (trx) => {
      await deps.vault.putSecret(trx, workspaceId, PENDING_META_TOKEN, stateHash, JSON.stringify(pending));
      await setWabaChoices(trx, workspaceId, stateHash, choices);
    });
    throw choiceRequired(choices);
  }
  return bind(deps, { workspaceId, token, expiresIn, debug, wabaId, phoneNumberId: input.phoneNumberId ?? null, now });
}

/** The second half of a choice: the same state, a granted WABA, no code. */
async function resumeChoice(
  deps: ConnectDeps,
  input: {
    stateHash: string;
    now: number;
    wabaId?: string | null;
    phoneNumberId?: string | null;
    workspaceId: WorkspaceId | null;
    sessionId: string | null;
    apiKeyId?: string | null;
  },
): Promise<{ workspaceId: WorkspaceId; wabaId: string; phoneNumbers: number; phoneNumberId: string | null }> {
  const workspaceId = input.workspaceId;
  const by = { sessionId: input.sessionId, apiKeyId: input.apiKeyId ?? null };
  const offered =
    workspaceId === null ? null : await findWabaChoices(deps.db, workspaceId, input.stateHash, input.now, by, false);
  if (!workspaceId || !offered)
    throw new AppError(
      "OAUTH_STATE_INVALID",
      "No account choice waits for this state (send the code from Meta, or start the connection again).",
    );
  if (!input.wabaId) throw choiceRequired(offered);
  if (!offered.some((w) => w.id === input.wabaId)) throw notGranted(input.wabaId);
  const taken = await findWabaChoices(deps.db, workspaceId, input.stateHash, input.now, by, true);
  const saved = taken ? await deps.vault.findSecret(workspaceId, PENDING_META_TOKEN, input.stateHash) : null;
  if (!saved)
    throw new AppError("OAUTH_STATE_INVALID", "This account choice was already made; start the connection again.");
  const pending = JSON.parse(saved) as Pending;
  await deps.db
    .transaction()
    .execute((trx) => deps.vault.deleteSecret(trx, workspaceId, PENDING_META_TOKEN, input.stateHash));
  const debug = await debugToken(deps, pending.token);
  if (!wabasFromToken(debug).includes(input.wabaId)) throw notGranted(input.wabaId);
  return bind(deps, {
    workspaceId,
    token: pending.token,
    expiresIn: pending.expiresIn,
    debug,
    wabaId: input.wabaId,
    phoneNumberId: input.phoneNumberId ?? null,
    now: input.now,
  });
}

function choiceRequired(choices: { id: string; name: string | null }[]): AppError {
  return new AppError(
    "WABA_CHOICE_REQUIRED",
    `Meta granted ${choices.length} WhatsApp Business Accounts; choose the one to connect (send the same state with wabaId, without a code).`,
    { details: { wabas: choices } },
  );
}

function notGranted(wabaId: string): AppError {
  return new AppError(
    "MISSING_PERMISSION",
    `The token Meta issued does not grant the WhatsApp Business Account ${wabaId}; connect again and share that account. Nothing was stored.`,
  );
}

async function exchange(
  deps: ConnectDeps,
  code: string,
  redirectUri: string | undefined,
): Promise<{ token: string; expiresIn: number | undefined }> {
  const { connect } = deps.meta.channel;
  let token: string;
  let expiresIn: number | undefined;
  try {
    const res = await connect.exchangeCode({ code, ...(redirectUri !== undefined ? { redirectUri } : {}) });
    token = res.access_token;
    expiresIn = res.expires_in;
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
    const long = await connect
      .exchangeForLongLivedToken(token)
      .catch((err) => Promise.reject(metaFailure(err, "exchanging the token for a long-lived one")));
    token = long.access_token;
    expiresIn = long.expires_in;
  }
  return { token, expiresIn };
}

const debugToken = (deps: ConnectDeps, token: string): Promise<DebugTokenData> =>
  deps.meta.channel.connect
    .debugToken(token)
    .catch((err) => Promise.reject(metaFailure(err, "checking the new token")));

async function bind(
  deps: ConnectDeps,
  input: {
    workspaceId: WorkspaceId;
    token: string;
    expiresIn: number | undefined;
    debug: DebugTokenData;
    wabaId: string;
    phoneNumberId: string | null;
    now: number;
  },
): Promise<{ workspaceId: WorkspaceId; wabaId: string; phoneNumbers: number; phoneNumberId: string | null }> {
  const { workspaceId, token, expiresIn, debug, wabaId, now } = input;
  const session = deps.meta.channel.connect.session(token, wabaId);
  const scopes = debug.scopes ?? [];

  const waba = await session.account
    .get()
    .catch((err) => Promise.reject(metaFailure(err, "reading the WhatsApp Business Account")));
  // The WABA's owner business is the portfolio whose messaging limit its numbers share.
  const businessId = waba.owner_business_info?.id ?? null;
  const numbers = await fetchPhoneNumbers(session, businessId);
  await session.account
    .subscribeWebhooks()
    .catch((err) => Promise.reject(metaFailure(err, "subscribing Wharf to the account's webhooks")));

  const tokenExpiresAt = tokenExpiry(debug, expiresIn, now);
  await deps.events.transaction(deps.db, async (trx) => {
    await takeWaba(trx, workspaceId, wabaId, now);
    await storeConnected(trx, deps.vault, workspaceId, now, {
      credential: token,
      connection: {
        channel: "meta",
        waba_id: wabaId,
        waba_name: waba.name ?? null,
        business_id: businessId,
        scopes: JSON.stringify(scopes),
        token_expires_at: tokenExpiresAt,
      },
      numbers,
    });
    // After a disconnect the numbers kept their active flags but not their claims: take them back,
    // or stop sending from one that another workspace now holds.
    for (const n of await activePhoneNumbers(trx, workspaceId)) {
      if (!(await claimMetaId(trx, workspaceId, "phone_number", n.meta_phone_number_id, now)))
        await setPhoneNumberActive(trx, workspaceId, n.id, false, now);
    }
    await deps.events.recordEvent(trx, workspaceId, { type: "connection.connected", at: now, data: { wabaId } });
  });
  // The number Embedded Signup set up: ours, to activate next (Meta has not registered it yet).
  const carried = input.phoneNumberId ? await findPhoneNumberRow(deps.db, workspaceId, input.phoneNumberId) : null;
  return { workspaceId, wabaId, phoneNumbers: numbers.length, phoneNumberId: carried?.id ?? null };
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

/** The WABAs the token was granted for, from its granular scopes; refuses a token without one. */
function wabasFromToken(debug: DebugTokenData): string[] {
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
  if (targets.length === 0)
    throw new AppError(
      "MISSING_PERMISSION",
      "The token does not name a WhatsApp Business Account; in Meta's dialog, select the account to share. Nothing was stored.",
    );
  return targets;
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
