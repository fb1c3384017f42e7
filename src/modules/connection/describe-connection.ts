import { isChannelId } from "../../channels/index.js";
import type { AnyDb } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findConnection } from "./connection.repo.js";
import { listPhoneNumberRows, type PhoneNumberRow } from "./phone-numbers.repo.js";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** GET /v1/connection: everything about the connection except the token. */
export async function describeConnection(db: AnyDb, workspaceId: WorkspaceId) {
  const c = await findConnection(db, workspaceId);
  return {
    status: c?.status ?? "disconnected",
    channel: isChannelId(c?.channel) ? c.channel : "meta",
    waba: c?.waba_id && c.status !== "disconnected" ? { id: c.waba_id, name: c.waba_name } : null,
    scopes: c && c.status !== "disconnected" ? (JSON.parse(c.scopes) as string[]) : [],
    tokenExpiresAt: c?.status === "disconnected" ? null : iso(c?.token_expires_at ?? null),
    lastCheckedAt: iso(c?.last_checked_at ?? null),
    lastError: c?.last_error ?? null,
    catalog: {
      status: c?.catalog_status ?? "none",
      catalogId: c?.catalog_id ?? null,
      lastError: c?.catalog_last_error ?? null,
    },
    // Meta's account_update / business_capability_update webhooks, as last received.
    account: {
      event: c?.account_event ?? null,
      detail: c?.account_detail ? (JSON.parse(c.account_detail) as Record<string, unknown>) : null,
      at: iso(c?.account_event_at ?? null),
      capabilities: c?.capabilities ? (JSON.parse(c.capabilities) as Record<string, unknown>) : {},
    },
  };
}

export function phoneNumberView(row: PhoneNumberRow, connectionStatus: string) {
  return {
    id: row.id,
    metaPhoneNumberId: row.meta_phone_number_id,
    displayPhoneNumber: row.display_phone_number,
    verifiedName: row.verified_name,
    qualityRating: row.quality_rating,
    messagingLimit: row.messaging_limit,
    throughput: row.throughput_mps,
    status: row.status,
    active: row.active === 1,
    // Sending from an active number pauses while the workspace's token needs a reconnect.
    sendingPaused: row.active === 1 && connectionStatus !== "connected",
    lastError: row.last_error,
    lastSyncedAt: iso(row.last_synced_at),
  };
}

export async function listPhoneNumbers(db: AnyDb, workspaceId: WorkspaceId) {
  const [rows, conn] = await Promise.all([listPhoneNumberRows(db, workspaceId), findConnection(db, workspaceId)]);
  return rows.map((r) => phoneNumberView(r, conn?.status ?? "disconnected"));
}
