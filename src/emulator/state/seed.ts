import type { ResolvedOptions } from "../core/options.js";
import { EmulatorState } from "./emulator-state.js";
import type { PhoneNumberRecord } from "./model.js";

/**
 * The seeded world: one app, one Meta user who owns a business, a WABA with two numbers (the
 * first under a verified business, the second not) and a catalog. Ids are fixed so that a
 * reset, a restart and the docs all show the same ones; the WABA and first number reuse the
 * example ids of Meta's webhook reference.
 */
export const SEED_IDS = {
  userId: "100089000000001",
  businessId: "215000000000001",
  wabaId: "102290129340398",
  verifiedPhoneNumberId: "106540352242922",
  unverifiedPhoneNumberId: "113269274970227",
  catalogId: "1537700000000001",
} as const;

export const SEED_PINS = { verified: "123456", unverified: "654321" } as const;

export function seedState(options: ResolvedOptions, now: number): EmulatorState {
  const state = new EmulatorState({
    id: options.appId,
    secret: options.appSecret,
    name: options.appName,
    requireAppSecret: options.requireAppSecret,
  });
  state.users.set(SEED_IDS.userId, { id: SEED_IDS.userId, name: "Jasper Owner" });
  state.businesses.set(SEED_IDS.businessId, {
    id: SEED_IDS.businessId,
    name: "Jasper's Market",
    ownerUserId: SEED_IDS.userId,
    verificationStatus: "verified",
  });
  state.wabas.set(SEED_IDS.wabaId, {
    id: SEED_IDS.wabaId,
    name: "Jasper's Market WABA",
    businessId: SEED_IDS.businessId,
    currency: "USD",
    timezoneId: "1",
    messageTemplateNamespace: "c8ae5f90_307a_ca4c_b8f6_d1e2a2573574",
    subscribedApps: new Map(),
  });
  const base = {
    wabaId: SEED_IDS.wabaId,
    qualityRating: "GREEN",
    codeVerificationStatus: "VERIFIED",
    registered: false,
    registrationCalls: [],
    throughputMps: options.throughputMps,
    lastOnboardedAt: now,
  } satisfies Partial<PhoneNumberRecord>;
  state.phoneNumbers.set(SEED_IDS.verifiedPhoneNumberId, {
    ...base,
    id: SEED_IDS.verifiedPhoneNumberId,
    displayPhoneNumber: "+1 555-078-3881",
    verifiedName: "Jasper's Market",
    businessVerified: true,
    nameStatus: "APPROVED",
    messagingLimitTier: "TIER_10K",
    businessManagerMessagingLimit: "TIER_10K",
    pin: SEED_PINS.verified,
    uniqueRecipientLimit: null,
  });
  state.phoneNumbers.set(SEED_IDS.unverifiedPhoneNumberId, {
    ...base,
    id: SEED_IDS.unverifiedPhoneNumberId,
    displayPhoneNumber: "+1 555-012-3456",
    verifiedName: "Jasper's Corner",
    businessVerified: false,
    nameStatus: "AVAILABLE_WITHOUT_REVIEW",
    messagingLimitTier: "TIER_50",
    businessManagerMessagingLimit: "TIER_250",
    pin: SEED_PINS.unverified,
    uniqueRecipientLimit: options.unverifiedRecipientLimit,
  });
  state.catalogs.set(SEED_IDS.catalogId, {
    id: SEED_IDS.catalogId,
    name: "Jasper's Market Catalog",
    businessId: SEED_IDS.businessId,
  });
  return state;
}
