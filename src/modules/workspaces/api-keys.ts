import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import { type Principal } from "../../platform/http/index.js";
import { AppError } from "../../platform/errors/index.js";
import { hashToken } from "../../platform/crypto/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { API_KEY_PREFIX, generateApiKey, newApiKeyRow } from "./create-workspace.js";
import {
  countLiveApiKeys,
  findWorkspaceByKeyHash,
  insertApiKey,
  listApiKeys,
  revokeApiKey,
  touchApiKey,
  type ApiKeyRow,
} from "./workspaces.repo.js";

type Deps = { db: AnyDb; clock: Clock };

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
export const apiKeyView = (r: ApiKeyRow) => ({
  id: r.id,
  label: r.label,
  hint: r.hint,
  createdAt: iso(r.created_at)!,
  lastUsedAt: iso(r.last_used_at),
  revokedAt: iso(r.revoked_at),
});

export async function createApiKey(deps: Deps, workspaceId: WorkspaceId, label: string) {
  const apiKey = generateApiKey();
  const row = newApiKeyRow(workspaceId, apiKey, label, deps.clock.now());
  await deps.db.transaction().execute((trx) => insertApiKey(trx, workspaceId, row));
  return { ...apiKeyView(row), apiKey };
}

export async function listWorkspaceApiKeys(deps: Deps, workspaceId: WorkspaceId) {
  return (await listApiKeys(deps.db, workspaceId)).map(apiKeyView);
}

/**
 * Revokes a key at once (the next request with it is 401). The last live key cannot be revoked by
 * itself: a workspace without a dashboard owner would lock itself out; rotate by creating the new
 * key first.
 */
export async function revokeWorkspaceApiKey(
  deps: Deps,
  workspaceId: WorkspaceId,
  id: string,
  callerKeyId: string | null,
): Promise<void> {
  if (id === callerKeyId && (await countLiveApiKeys(deps.db, workspaceId)) <= 1) {
    throw new AppError(
      "CONFLICT",
      "This is the workspace's last live key and the one making the request: create a new key first, then revoke this one with it.",
    );
  }
  const done = await deps.db.transaction().execute((trx) => revokeApiKey(trx, workspaceId, id, deps.clock.now()));
  if (!done) throw new AppError("NOT_FOUND", "No live API key with that id in this workspace.");
}

/**
 * Every API request authenticates here, so the last-use time is written at most once a minute per
 * key and per process, after the answer is known, never holding the request.
 */
const TOUCH_EVERY_MS = 60_000;
export function apiKeyResolver(deps: Deps & { onError?(err: unknown): void }) {
  const touched = new Map<string, number>();
  return async (token: string): Promise<Principal | null> => {
    if (!token.startsWith(API_KEY_PREFIX)) return null;
    const found = await findWorkspaceByKeyHash(deps.db, hashToken(token));
    if (!found) return null;
    const now = deps.clock.now();
    if ((touched.get(found.keyId) ?? 0) + TOUCH_EVERY_MS <= now) {
      touched.set(found.keyId, now);
      touchApiKey(deps.db, found.workspaceId, found.keyId, now).catch((err: unknown) => deps.onError?.(err));
    }
    return { kind: "api_key", workspaceId: found.workspaceId, keyId: found.keyId };
  };
}
