import type { ResolvedOptions } from "../core/options.js";
import { startingTier } from "../portfolio/messaging-limit.js";
import { EmulatorState } from "./emulator-state.js";
import type { PhoneNumberRecord } from "./model.js";
import { D360_SEED } from "../d360/d360-state.js";

/**
 * The seeded world: one app, one Meta user who owns a verified business (portfolio) whose WABA has
 * two numbers, and a catalog. Ids are fixed so that a reset, a restart and the docs all show the
 * same ones; the WABA and first number reuse the example ids of Meta's webhook reference.
 *
 * Both numbers share the portfolio's messaging limit (Meta's messaging-limits doc, since
 * 2025-10-07). The second number's id keeps its old key `unverifiedPhoneNumberId`: it used to carry
 * a limit of its own, which Meta no longer has; an unverified business is now its own portfolio
 * (`POST /_emulator/wabas {businessVerified: false}`).
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
    webhookVersion: options.webhookVersion,
  });
  state.users.set(SEED_IDS.userId, { id: SEED_IDS.userId, name: "Jasper Owner" });
  state.businesses.set(SEED_IDS.businessId, {
    id: SEED_IDS.businessId,
    name: "Jasper's Market",
    ownerUserId: SEED_IDS.userId,
    verificationStatus: "verified",
    messagingLimit: startingTier(true, options.unverifiedRecipientLimit),
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
    nameStatus: "APPROVED",
    pin: SEED_PINS.verified,
  });
  state.phoneNumbers.set(SEED_IDS.unverifiedPhoneNumberId, {
    ...base,
    id: SEED_IDS.unverifiedPhoneNumberId,
    displayPhoneNumber: "+1 555-012-3456",
    verifiedName: "Jasper's Corner",
    nameStatus: "AVAILABLE_WITHOUT_REVIEW",
    pin: SEED_PINS.unverified,
  });
  state.catalogs.set(SEED_IDS.catalogId, {
    id: SEED_IDS.catalogId,
    name: "Jasper's Market Catalog",
    businessId: SEED_IDS.businessId,
  });
  seedD360(state);
  return state;
}

/** 360dialog's side: one partner with one client whose two channels are the two seeded numbers. */
function seedD360(state: EmulatorState): void {
  const { partnerId, partnerApiKey, clientId, channelIds } = D360_SEED;
  state.d360.partners.set(partnerId, { id: partnerId, apiKey: partnerApiKey });
  state.d360.clients.set(clientId, { id: clientId, partnerId, name: "Jasper's Market" });
  const numbers = [SEED_IDS.verifiedPhoneNumberId, SEED_IDS.unverifiedPhoneNumberId];
  numbers.forEach((phoneNumberId, i) => {
    const id = channelIds[i]!;
    state.d360.channels.set(id, { id, clientId, partnerId, phoneNumberId, wabaId: SEED_IDS.wabaId });
  });
}
