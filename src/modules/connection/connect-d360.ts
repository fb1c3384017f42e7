import { channelFailure, isChannelError } from "../../channels/index.js";
import type { Executor } from "../../platform/db/index.js";
import { hashToken, randomToken } from "../../platform/crypto/index.js";
import { AppError } from "../../platform/errors/index.js";
import { asWorkspaceId, type WorkspaceId } from "../../platform/workspace-id.js";
import {
  claimMetaId,
  consumeOAuthState,
  wabaHeldElsewhere,
  insertOAuthState,
  releaseMetaClaims,
} from "./connection.repo.js";
import { activePhoneNumbers, findPhoneNumberRow, setPhoneNumberActive } from "./phone-numbers.repo.js";
import { storeConnected, takeWaba, wabaTaken } from "./take-waba.js";
import { STATE_TTL_MS, type StateCreator } from "./prepare-connection.js";
import type { WorkspaceChannelDeps } from "./workspace-channel.js";

/** What connecting through 360dialog needs from the provider; the composition root binds the adapter's helpers. */
export interface D360Connector {
  /** The key's number and WABA (a bad or revoked key is a ChannelError `auth_lapsed`). */
  fromKey(apiKey: string): Promise<D360Found>;
  /** One key per channel the client granted on the Connect page, generated through the Partner API. */
  fromRedirect(
    redirect: { client?: string; channels?: string },
    options: { max: number; guard: (channel: { channelId: string; wabaId: string | null }) => Promise<void> },
  ): Promise<D360Found[]>;
  registerWebhook(apiKey: string, webhook: { url: string; headers: Record<string, string> }): Promise<void>;
  /** The Connect page's URL returning to `redirectUrl`; null when no partner is configured. */
  connectUrl(redirectUrl: string): string | null;
}
export interface D360Found {
  apiKey: string;
  channelId: string | null;
  phoneNumberId: string;
  wabaId: string;
}

export type ConnectD360Deps = Omit<WorkspaceChannelDeps, "channels"> & {
  d360: D360Connector;
  /** Wharf's public base URL: 360dialog posts the number's webhooks under it. */
  publicUrl: string;
  /** Issues (and stores, in the transaction) the number's webhook secret; meta-inbound's, handed in by main. */
  issueWebhookSecret(
    trx: Executor,
    workspaceId: WorkspaceId,
    input: { publicUrl: string; metaPhoneNumberId: string },
  ): Promise<{ url: string; headers: Record<string, string> }>;
};

/** Where 360dialog's Connect page sends the browser back (the state rides in its query). */
export const D360_CALLBACK_PATH = "/oauth/360dialog/callback";

export type D360Connected = { workspaceId: WorkspaceId; wabaId: string; phoneNumberId: string };

/**
 * "Connect by yourself" with a key the client generated in 360dialog's Hub: the key is checked at
 * 360dialog first (nothing is written for a bad one), then stored like Meta's token, the WABA and
 * the number claimed and the number activated in one transaction, and the webhook registered.
 * A new key for the same number replaces the old one and resumes a paused connection.
 */
export async function connectD360WithKey(
  deps: ConnectD360Deps,
  workspaceId: WorkspaceId,
  apiKey: string,
): Promise<D360Connected> {
  const found = await deps.d360.fromKey(apiKey).catch((err: unknown) => Promise.reject(keyFailure(err)));
  return bindD360(deps, workspaceId, found);
}

/** The Connect button: a state bound to whoever asked, carried in the redirect URL 360dialog returns to. */
export async function prepareD360Connection(
  deps: Pick<ConnectD360Deps, "db" | "clock" | "d360" | "publicUrl">,
  workspaceId: WorkspaceId,
  creator: StateCreator,
): Promise<{ url: string; state: string; expiresAt: number }> {
  const state = randomToken(24);
  const back = new URL(D360_CALLBACK_PATH, deps.publicUrl);
  back.searchParams.set("state", state);
  const url = deps.d360.connectUrl(back.toString());
  if (!url)
    throw new AppError(
      "NOT_SUPPORTED_BY_CHANNEL",
      "This Wharf has no 360dialog partner configured (WHARF_D360_PARTNER_ID); paste an API key from 360dialog's Hub instead.",
    );
  const expiresAt = deps.clock.now() + STATE_TTL_MS;
  await insertOAuthState(deps.db, workspaceId, {
    state_hash: hashToken(state),
    redirect_uri: callbackMarker(deps.publicUrl),
    session_id: "sessionId" in creator ? creator.sessionId : null,
    api_key_id: "apiKeyId" in creator ? creator.apiKeyId : null,
    browser_link: 0,
    browser_hash: null,
    expires_at: expiresAt,
    used_at: null,
    waba_choices: null,
  });
  return { url, state, expiresAt };
}

/**
 * The Connect page came back (`client`, `channels`, our state): the state is consumed by whoever
 * prepared it, a key is generated for the granted channel through the Partner API, and it connects
 * as a pasted key does. One connection per workspace: the first granted channel is the one bound.
 */
export async function connectD360FromRedirect(
  deps: ConnectD360Deps,
  input: {
    state: string;
    client?: string;
    channels?: string;
    workspaceId: WorkspaceId | null;
    sessionId: string | null;
    apiKeyId: string | null;
  },
): Promise<D360Connected> {
  const now = deps.clock.now();
  const claimed = await consumeOAuthState(deps.db, hashToken(input.state), now, {
    workspaceId: input.workspaceId,
    sessionId: input.sessionId,
    apiKeyId: input.apiKeyId,
    browserHash: null,
  });
  if (!claimed || claimed.redirect_uri !== callbackMarker(deps.publicUrl))
    throw new AppError(
      "OAUTH_STATE_INVALID",
      "This 360dialog connection attempt is not valid here (used, expired, or started elsewhere); start again.",
    );
  const workspaceId = asWorkspaceId(claimed.workspace_id);
  const found = await deps.d360
    .fromRedirect(
      {
        ...(input.client !== undefined ? { client: input.client } : {}),
        ...(input.channels !== undefined ? { channels: input.channels } : {}),
      },
      {
        max: 1,
        // Generating a key revokes the channel's current one: never for a WABA another workspace holds.
        guard: async ({ wabaId }) => {
          if (wabaId !== null && (await wabaHeldElsewhere(deps.db, workspaceId, wabaId))) throw wabaTaken();
        },
      },
    )
    .catch((err: unknown) => Promise.reject(err instanceof AppError ? err : keyFailure(err)));
  return bindD360(deps, workspaceId, found[0]!);
}

const callbackMarker = (publicUrl: string) => new URL(D360_CALLBACK_PATH, publicUrl).toString();

function keyFailure(err: unknown): AppError {
  if (isChannelError(err) && (err.kind === "auth_lapsed" || (err.kind === "refused" && err.channel === "360dialog")))
    return new AppError(
      "CHANNEL_KEY_REJECTED",
      `360dialog did not accept the API key: ${err.message} Nothing was stored.`,
    );
  return channelFailure(err, "checking the 360dialog API key");
}

async function bindD360(deps: ConnectD360Deps, workspaceId: WorkspaceId, found: D360Found): Promise<D360Connected> {
  const { wabaId, phoneNumberId, apiKey } = found;
  const now = deps.clock.now();
  await deps.events.transaction(deps.db, async (trx) => {
    const previous = await takeWaba(trx, workspaceId, wabaId, now);
    // A 360dialog key sends from its one number: any other number of the workspace stops sending.
    for (const n of await activePhoneNumbers(trx, workspaceId)) {
      if (n.meta_phone_number_id === phoneNumberId) continue;
      await releaseMetaClaims(trx, workspaceId, { kind: "phone_number", metaId: n.meta_phone_number_id });
      await setPhoneNumberActive(trx, workspaceId, n.id, false, now);
    }
    if (!(await claimMetaId(trx, workspaceId, "phone_number", phoneNumberId, now)))
      throw new AppError(
        "PHONE_NUMBER_IN_USE",
        "This 360dialog key's number is an active number of another workspace of this Wharf; deactivate it there first. Nothing was stored.",
      );
    // 360dialog's Cloud API does not describe the number; its display number comes from Meta's webhooks later.
    const known = await findPhoneNumberRow(trx, workspaceId, phoneNumberId);
    await storeConnected(trx, deps.vault, workspaceId, now, {
      credential: apiKey,
      connection: {
        channel: "360dialog",
        waba_id: wabaId,
        waba_name: previous?.waba_id === wabaId ? (previous.waba_name ?? null) : null,
        business_id: previous?.waba_id === wabaId ? (previous.business_id ?? null) : null,
        scopes: "[]",
        token_expires_at: null,
      },
      numbers: [
        {
          meta_phone_number_id: phoneNumberId,
          waba_id: wabaId,
          business_id: known?.business_id ?? null,
          display_phone_number: known?.display_phone_number ?? phoneNumberId,
          verified_name: known?.verified_name ?? null,
          quality_rating: known?.quality_rating ?? null,
          messaging_limit: known?.messaging_limit ?? null,
          throughput_mps: known?.throughput_mps ?? 80,
          status: "CONNECTED",
          code_verification_status: known?.code_verification_status ?? null,
          name_status: known?.name_status ?? null,
          can_send: known?.can_send ?? null,
          health_reasons: known?.health_reasons ?? null,
        },
      ],
    });
    const row = await findPhoneNumberRow(trx, workspaceId, phoneNumberId);
    // 360dialog registers the number during its onboarding: no PIN step, it sends at once.
    if (row && row.active !== 1) await setPhoneNumberActive(trx, workspaceId, row.id, true, now, now);
    const issued = await deps.issueWebhookSecret(trx, workspaceId, {
      publicUrl: deps.publicUrl,
      metaPhoneNumberId: phoneNumberId,
    });
    // Registered before the commit: if 360dialog refuses, nothing here changes (its old webhook, if any, stays).
    await deps.d360
      .registerWebhook(apiKey, issued)
      .catch((err: unknown) => Promise.reject(channelFailure(err, "registering Wharf's webhook with 360dialog")));
    await deps.events.recordEvent(trx, workspaceId, { type: "connection.connected", at: now, data: { wabaId } });
  });
  const row = await findPhoneNumberRow(deps.db, workspaceId, phoneNumberId);
  return { workspaceId, wabaId, phoneNumberId: row!.id };
}
