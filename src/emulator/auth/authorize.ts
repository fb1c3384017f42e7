import { createHmac, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { EmulatorContext } from "../core/context.js";
import { graphErrors } from "../core/meta-errors.js";
import type { TokenRecord } from "../state/model.js";
import { allParams } from "../http/params.js";
import { appTokenRecord, covers, tokenProblem } from "./tokens.js";

export const SCOPES = {
  management: "whatsapp_business_management",
  messaging: "whatsapp_business_messaging",
  catalog: "catalog_management",
  business: "business_management",
} as const;

/**
 * Graph takes the token from `Authorization: Bearer` (or `OAuth`, which Meta documents for the
 * resumable upload) or from an `access_token` parameter.
 */
export function presentedToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header) {
    const match = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(header);
    return match ? match[1] : header.trim();
  }
  const param = allParams(request)["access_token"];
  return typeof param === "string" && param !== "" ? param : undefined;
}

/**
 * No token is code 104 (HTTP 400); a bad one is 190 (401): unknown, revoked (subcode 460) or
 * expired (463). With
 * the app's "Require App Secret" on, a user or system-user token must come with `appsecret_proof`,
 * the hex HMAC-SHA256 of the token keyed with the app secret (Meta, "Securing Graph API
 * Requests"): none is 100 "API calls from the server require an appsecret_proof argument", a
 * wrong one 100 "Invalid appsecret_proof provided in the API argument" (HTTP 400, both).
 */
export function requireToken(ctx: EmulatorContext, request: FastifyRequest): TokenRecord {
  const record = validateToken(ctx, presentedToken(request));
  if (ctx.state.app.requireAppSecret && record.type !== "APP") {
    const proof = allParams(request)["appsecret_proof"];
    if (typeof proof !== "string" || proof === "") throw graphErrors.appSecretProofMissing();
    const expected = createHmac("sha256", ctx.state.app.secret).update(record.token).digest("hex");
    if (proof.length !== expected.length || !timingSafeEqual(Buffer.from(proof), Buffer.from(expected)))
      throw graphErrors.appSecretProofInvalid();
  }
  return record;
}

export function validateToken(ctx: EmulatorContext, token: string | undefined): TokenRecord {
  if (!token) throw graphErrors.tokenMissing();
  const record = ctx.state.tokens.get(token) ?? appTokenRecord(ctx.state, token);
  const now = ctx.clock.now();
  switch (tokenProblem(record, now)) {
    case "unknown":
      throw graphErrors.tokenUnparsable();
    case "revoked":
      throw graphErrors.tokenRevoked();
    case "expired":
      throw graphErrors.tokenExpired(record!.expiresAt, now);
    default:
      return record!;
  }
}

/** Templates, numbers and subscriptions need `whatsapp_business_management` on the WABA (else 200). */
export function requireManagement(token: TokenRecord, wabaId: string): void {
  if (!covers(token, SCOPES.management, wabaId)) throw graphErrors.managementPermission(SCOPES.management);
}

/** Sending needs `whatsapp_business_messaging` on the number's WABA (else 10). */
export function requireMessaging(token: TokenRecord, wabaId: string): void {
  if (!covers(token, SCOPES.messaging, wabaId)) throw graphErrors.messagingPermission();
}

/** Either WhatsApp scope lets a client read a WABA's node and numbers. */
export function requireWabaRead(token: TokenRecord, wabaId: string): void {
  if (!covers(token, SCOPES.management, wabaId) && !covers(token, SCOPES.messaging, wabaId)) {
    throw graphErrors.managementPermission(SCOPES.management);
  }
}

export function requireCatalog(token: TokenRecord, catalogId: string): void {
  if (!covers(token, SCOPES.catalog, catalogId)) throw graphErrors.managementPermission(SCOPES.catalog);
}
