import { newId } from "../../platform/crypto/index.js";
import type { Executor } from "../../platform/db/index.js";
import { AppError } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import {
  claimMetaId,
  findConnection,
  releaseMetaClaims,
  upsertConnection,
  type ConnectionRow,
} from "./connection.repo.js";
import {
  deactivateAllPhoneNumbers,
  upsertPhoneNumbersFromMeta,
  type PhoneNumberFromMeta,
} from "./phone-numbers.repo.js";
import { CONNECTION_RECORD, META_TOKEN, type WorkspaceChannelDeps } from "./workspace-channel.js";

/** Another workspace of this Wharf holds the WABA; who it is is not said. */
export const wabaTaken = () =>
  new AppError(
    "WABA_ALREADY_CONNECTED",
    "This WhatsApp Business Account is already connected to another workspace of this Wharf. Disconnect it there first, then connect it here. Nothing was stored.",
  );

/**
 * The first writes of connecting, whatever the provider, in the connecting transaction: the WABA is
 * claimed for the workspace (one workspace per WABA, refused before anything is written), and
 * switching to another WABA gives up the old one and its numbers. Returns the connection as it was.
 */
export async function takeWaba(
  trx: Executor,
  workspaceId: WorkspaceId,
  wabaId: string,
  now: number,
): Promise<ConnectionRow | null> {
  const previous = await findConnection(trx, workspaceId);
  if (!(await claimMetaId(trx, workspaceId, "waba", wabaId, now))) throw wabaTaken();
  if (previous?.waba_id && previous.waba_id !== wabaId) {
    await releaseMetaClaims(trx, workspaceId, { kind: "waba", metaId: previous.waba_id });
    await releaseMetaClaims(trx, workspaceId, { kind: "phone_number" });
    await deactivateAllPhoneNumbers(trx, workspaceId, now);
  }
  return previous;
}

/**
 * The last writes of connecting, whatever the provider: the credential (Meta's token, the
 * channel's key) into the vault, the connection marked connected with what the provider said of
 * the WABA, and the WABA's numbers as the provider described them.
 */
export async function storeConnected(
  trx: Executor,
  vault: WorkspaceChannelDeps["vault"],
  workspaceId: WorkspaceId,
  now: number,
  connected: {
    credential: string;
    connection: Pick<
      ConnectionRow,
      "channel" | "waba_id" | "waba_name" | "business_id" | "scopes" | "token_expires_at"
    >;
    numbers: PhoneNumberFromMeta[];
  },
): Promise<void> {
  await vault.putSecret(trx, workspaceId, META_TOKEN, CONNECTION_RECORD, connected.credential);
  await upsertConnection(trx, workspaceId, {
    ...connected.connection,
    status: "connected",
    last_checked_at: now,
    last_error: null,
    connected_at: now,
    updated_at: now,
  });
  await upsertPhoneNumbersFromMeta(trx, workspaceId, connected.numbers, now, () => newId("pn", now));
}
