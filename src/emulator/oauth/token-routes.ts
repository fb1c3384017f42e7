import type { FastifyInstance, FastifyRequest } from "fastify";
import { requireToken, validateToken } from "../auth/authorize.js";
import { issueToken, LONG_LIVED_TOKEN_TTL_MS, USER_TOKEN_TTL_MS } from "../auth/tokens.js";
import type { EmulatorContext } from "../core/context.js";
import { graphErrors } from "../core/meta-errors.js";
import { allParams, requireString, stringParam } from "../http/params.js";
import type { TokenRecord } from "../state/model.js";
import { debugTokenData } from "./debug-token.js";
import { oauthErrors } from "./oauth-errors.js";

function tokenAnswer(record: TokenRecord, now: number) {
  return {
    access_token: record.token,
    token_type: "bearer",
    ...(record.expiresAt === 0 ? {} : { expires_in: Math.round((record.expiresAt - now) / 1000) }),
  };
}

function checkApp(ctx: EmulatorContext, params: Record<string, unknown>, needSecret: boolean): void {
  if (requireString(params, "client_id") !== ctx.state.app.id) throw oauthErrors.invalidAppId();
  if (needSecret && stringParam(params, "client_secret") !== ctx.state.app.secret) throw oauthErrors.invalidSecret();
}

/**
 * Code exchange: the code is single-use (100/36009), expires (100/36007) and must be redeemed
 * with the dialog's exact redirect_uri (100/36008). A code from a Login for Business
 * configuration yields a system-user business token that never expires; a plain login yields
 * a short-lived user token that `grant_type=fb_exchange_token` turns into a 60-day one.
 */
function exchangeCode(ctx: EmulatorContext, params: Record<string, unknown>) {
  checkApp(ctx, params, true);
  const now = ctx.clock.now();
  const record = ctx.state.codes.get(requireString(params, "code"));
  if (!record || record.appId !== ctx.state.app.id) throw oauthErrors.codeMalformed();
  if (record.used) throw oauthErrors.codeUsed();
  if (now - record.createdAt > ctx.options.authorizationCodeTtlMs) throw oauthErrors.codeExpired();
  // A JavaScript SDK code (Embedded Signup's popup) has none, and is exchanged without one.
  if ((stringParam(params, "redirect_uri") ?? "") !== record.redirectUri) throw oauthErrors.redirectMismatch();
  record.used = true;
  const user = [...ctx.state.users.values()][0]!;
  const token = issueToken(ctx.state, now, {
    appId: record.appId,
    userId: user.id,
    type: record.configId ? "SYSTEM_USER" : "USER",
    scopes: record.scopes,
    granularScopes: record.granularScopes,
    ttlMs: record.configId ? 0 : USER_TOKEN_TTL_MS,
  });
  return tokenAnswer(token, now);
}

function exchangeLongLived(ctx: EmulatorContext, params: Record<string, unknown>) {
  checkApp(ctx, params, true);
  // Validated the way any call would be (unknown, revoked → 460, expired → 463).
  const short = validateToken(ctx, requireString(params, "fb_exchange_token"));
  if (short.type === "APP") throw graphErrors.tokenUnparsable();
  const now = ctx.clock.now();
  const token = issueToken(ctx.state, now, {
    appId: short.appId,
    userId: short.userId,
    type: short.type,
    scopes: short.scopes,
    granularScopes: short.granularScopes,
    ttlMs: short.expiresAt === 0 ? 0 : LONG_LIVED_TOKEN_TTL_MS,
  });
  return tokenAnswer(token, now);
}

export function registerTokenRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const accessToken = async (request: FastifyRequest) => {
    const params = allParams(request);
    const grant = stringParam(params, "grant_type") ?? "authorization_code";
    if (grant === "authorization_code") return exchangeCode(ctx, params);
    if (grant === "fb_exchange_token") return exchangeLongLived(ctx, params);
    if (grant === "client_credentials") {
      checkApp(ctx, params, true);
      return { access_token: `${ctx.state.app.id}|${ctx.state.app.secret}`, token_type: "bearer" };
    }
    throw oauthErrors.unsupportedGrant(grant);
  };
  app.get("/:version/oauth/access_token", accessToken);
  app.get("/oauth/access_token", accessToken);

  const debugToken = async (request: FastifyRequest) => {
    requireToken(ctx, request);
    const input = requireString(allParams(request), "input_token");
    return { data: debugTokenData(ctx, input) };
  };
  app.get("/:version/debug_token", debugToken);
  app.get("/debug_token", debugToken);
}
