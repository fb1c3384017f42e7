import type { AnyDb, Executor } from "../../platform/db/index.js";
import { constantTimeEqual, randomToken, type Vault } from "../../platform/crypto/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findPhoneNumberOwners, findPhoneNumberRow } from "../connection/index.js";
import type { WebhookReceiver } from "./receive-webhook.js";

/**
 * 360dialog's webhooks carry Meta's payload without Meta's signature (docs.360dialog.com,
 * "Receiving messages"); what 360dialog lets a receiver check is a header it adds from the
 * webhook configuration (`POST /v1/configs/webhook {url, headers}`). Wharf registers, per number,
 * `POST /webhooks/360dialog/{meta phone number id}` with a random secret in this header, kept in
 * the vault of the workspace that holds the number.
 */
export const D360_SECRET_HEADER = "x-wharf-webhook-secret";
const PURPOSE = "d360_webhook_secret";

export interface D360WebhookDeps {
  db: AnyDb;
  vault: Vault;
  receiver: WebhookReceiver;
}

/** A fresh secret for a number's 360dialog webhook (the old one stops working); register what it returns. */
export async function issueD360WebhookSecret(
  deps: { vault: Vault },
  trx: Executor,
  workspaceId: WorkspaceId,
  input: { publicUrl: string; metaPhoneNumberId: string },
): Promise<{ url: string; headers: Record<string, string> }> {
  const secret = randomToken(32);
  await deps.vault.putSecret(trx, workspaceId, PURPOSE, input.metaPhoneNumberId, secret);
  return {
    url: `${input.publicUrl.replace(/\/+$/, "")}/webhooks/360dialog/${encodeURIComponent(input.metaPhoneNumberId)}`,
    headers: { [D360_SECRET_HEADER]: secret },
  };
}

export type D360ReceiveResult =
  { ok: true } | { ok: false; reason: "unknown_channel" | "secret_mismatch" | "foreign_payload" };

/**
 * Authenticates by the number's secret (constant-time), then checks the body speaks only of that
 * number and its WABA, so one channel's secret cannot inject another tenant's events (the
 * processor routes by the ids inside). Only then are the bytes stored, like Meta's.
 */
export async function receiveD360Webhook(
  deps: D360WebhookDeps,
  metaPhoneNumberId: string,
  secretHeader: string | undefined,
  rawBody: Buffer,
): Promise<D360ReceiveResult> {
  if (!/^\d{1,32}$/.test(metaPhoneNumberId)) return { ok: false, reason: "unknown_channel" };
  const owners = (await findPhoneNumberOwners(deps.db, metaPhoneNumberId)).filter((o) => !o.deleting);
  let owner: (typeof owners)[number] | undefined;
  for (const candidate of owners) {
    const secret = await deps.vault.findSecret(candidate.workspaceId, PURPOSE, metaPhoneNumberId);
    if (secret !== null && secretHeader !== undefined && constantTimeEqual(secret, secretHeader)) owner = candidate;
  }
  if (!owner) return { ok: false, reason: owners.length === 0 ? "unknown_channel" : "secret_mismatch" };
  const row = await findPhoneNumberRow(deps.db, owner.workspaceId, owner.phoneNumberId);
  if (!row || !speaksOnlyOf(rawBody, metaPhoneNumberId, row.waba_id)) return { ok: false, reason: "foreign_payload" };
  await deps.receiver.storeAuthenticated(rawBody);
  return { ok: true };
}

/** Every entry is the number's WABA, and every change naming a number names this one. */
function speaksOnlyOf(rawBody: Buffer, metaPhoneNumberId: string, wabaId: string): boolean {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString("utf8"));
  } catch {
    return false;
  }
  const entries = (body as { entry?: unknown }).entry;
  if (!Array.isArray(entries) || entries.length === 0) return false;
  return entries.every((entry: unknown) => {
    const e = entry as { id?: unknown; changes?: unknown };
    if (e.id !== wabaId || !Array.isArray(e.changes)) return false;
    return e.changes.every((change: unknown) => {
      const value = (change as { value?: { metadata?: { phone_number_id?: unknown } } }).value;
      const named = value?.metadata?.phone_number_id;
      return named === undefined || named === metaPhoneNumberId;
    });
  });
}
