import { appTokenRecord, tokenProblem } from "../auth/tokens.js";
import type { EmulatorContext } from "../core/context.js";
import { graphErrors } from "../core/meta-errors.js";

const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * `GET /debug_token` data. Clients learn which WABAs a business token covers from
 * `granular_scopes[].target_ids`; an invalid token answers 200 with `is_valid: false` and the
 * 190 error inside `data`, the way Graph reports it.
 */
export function debugTokenData(ctx: EmulatorContext, input: string): Record<string, unknown> {
  const { state } = ctx;
  const now = ctx.clock.now();
  const record = state.tokens.get(input) ?? appTokenRecord(state, input);
  const problem = tokenProblem(record, now);
  if (!record || problem === "unknown") {
    const error = graphErrors.tokenUnparsable().fields;
    return { error: { code: error.code, message: error.message }, is_valid: false, scopes: [] };
  }
  const base = {
    app_id: record.appId,
    type: record.type,
    application: state.app.name,
    data_access_expires_at: record.type === "APP" ? 0 : seconds(record.issuedAt) + 90 * 24 * 3600,
    expires_at: record.expiresAt === 0 ? 0 : seconds(record.expiresAt),
    is_valid: problem === null,
    ...(record.type === "APP" ? {} : { issued_at: seconds(record.issuedAt), user_id: record.userId }),
    scopes: record.scopes,
    granular_scopes: record.granularScopes.map((g) =>
      g.targetIds ? { scope: g.scope, target_ids: g.targetIds } : { scope: g.scope },
    ),
  };
  if (problem === null) return base;
  const error = problem === "revoked" ? graphErrors.tokenRevoked() : graphErrors.tokenExpired(record.expiresAt, now);
  return { ...base, error: { code: 190, message: error.message, subcode: error.fields.error_subcode } };
}
