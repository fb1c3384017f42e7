import { accessToken } from "../core/ids.js";
import type { EmulatorState } from "../state/emulator-state.js";
import type { GranularScope, TokenRecord } from "../state/model.js";

/** Short-lived user tokens last hours; the long-lived exchange gives about 60 days (Graph docs). */
export const USER_TOKEN_TTL_MS = 2 * 60 * 60_000;
export const LONG_LIVED_TOKEN_TTL_MS = 60 * 24 * 60 * 60_000;

export interface TokenGrant {
  appId: string;
  userId: string;
  type: TokenRecord["type"];
  scopes: string[];
  granularScopes: GranularScope[];
  /** 0 = never expires. */
  ttlMs: number;
}

export function issueToken(state: EmulatorState, now: number, grant: TokenGrant): TokenRecord {
  const record: TokenRecord = {
    token: accessToken(),
    appId: grant.appId,
    userId: grant.userId,
    type: grant.type,
    scopes: [...grant.scopes],
    granularScopes: grant.granularScopes.map((g) => ({
      ...g,
      ...(g.targetIds ? { targetIds: [...g.targetIds] } : {}),
    })),
    issuedAt: now,
    expiresAt: grant.ttlMs === 0 ? 0 : now + grant.ttlMs,
    revoked: false,
  };
  state.tokens.set(record.token, record);
  return record;
}

/** `{app_id}|{app_secret}` works as an app access token anywhere Graph accepts one. */
export function appTokenRecord(state: EmulatorState, token: string): TokenRecord | undefined {
  if (token !== `${state.app.id}|${state.app.secret}`) return undefined;
  return {
    token,
    appId: state.app.id,
    userId: "",
    type: "APP",
    scopes: [],
    granularScopes: [],
    issuedAt: 0,
    expiresAt: 0,
    revoked: false,
  };
}

export type TokenProblem = "unknown" | "revoked" | "expired";

export function tokenProblem(record: TokenRecord | undefined, now: number): TokenProblem | null {
  if (!record) return "unknown";
  if (record.revoked) return "revoked";
  if (record.expiresAt !== 0 && record.expiresAt <= now) return "expired";
  return null;
}

/** Whether a granular scope covers an object: no `target_ids` means every object. */
export function covers(record: TokenRecord, scope: string, targetId: string): boolean {
  if (!record.scopes.includes(scope)) return false;
  const granular = record.granularScopes.find((g) => g.scope === scope);
  if (!granular) return false;
  return granular.targetIds === undefined || granular.targetIds.includes(targetId);
}
