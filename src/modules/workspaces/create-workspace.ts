import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import { hashToken, newId, randomToken, type Vault } from "../../platform/crypto/index.js";
import { asWorkspaceId, type WorkspaceId } from "../../platform/workspace-id.js";
import {
  insertApiKey,
  insertWorkspace,
  type Workspace,
  type WorkspaceLanguage,
  type WorkspacesTables,
} from "./workspaces.repo.js";

export const API_KEY_PREFIX = "whk_";

export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomToken(25)}`;
}

/** Only the hash of a key is stored; the hint (its last four characters) helps tell keys apart. */
export function newApiKeyRow(
  workspaceId: WorkspaceId,
  apiKey: string,
  label: string,
  now: number,
): WorkspacesTables["api_keys"] {
  return {
    id: newId("key", now),
    workspace_id: workspaceId,
    key_hash: hashToken(apiKey),
    hint: apiKey.slice(-4),
    label,
    created_at: now,
    last_used_at: null,
    revoked_at: null,
  };
}

/**
 * A workspace, its data key and its first API key appear together or not at all.
 * The key is returned once; only its hash is stored.
 */
export async function createWorkspace(
  deps: { db: AnyDb; vault: Pick<Vault, "createDataKey">; clock: Clock },
  input: { name: string; timeZone?: string; defaultLanguage?: WorkspaceLanguage },
): Promise<{ workspace: Workspace; apiKey: string }> {
  const now = deps.clock.now();
  const id = asWorkspaceId(newId("ws", now));
  const apiKey = generateApiKey();
  const timeZone = input.timeZone ?? "UTC";
  const defaultLanguage = input.defaultLanguage ?? "en";
  await deps.db.transaction().execute(async (trx) => {
    await insertWorkspace(trx, {
      id,
      name: input.name,
      time_zone: timeZone,
      default_language: defaultLanguage,
      created_at: now,
      updated_at: now,
    });
    await deps.vault.createDataKey(trx, id);
    await insertApiKey(trx, id, newApiKeyRow(id, apiKey, "First key", now));
  });
  return { workspace: { id, name: input.name, timeZone, defaultLanguage, createdAt: now }, apiKey };
}
