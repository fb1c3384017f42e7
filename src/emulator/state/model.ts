/**
 * What the emulated Meta holds. Plain records in maps: everything lives in memory, and
 * `/_emulator/reset` swaps the whole state for a freshly seeded one.
 */
export interface AppRecord {
  id: string;
  secret: string;
  name: string;
  /** "Require App Secret" (App Dashboard > Settings > Advanced): user-token calls need appsecret_proof. */
  requireAppSecret: boolean;
}

export interface UserRecord {
  id: string;
  name: string;
}

export interface BusinessRecord {
  id: string;
  name: string;
  ownerUserId: string;
  verificationStatus: "verified" | "unverified";
}

export interface SubscribedApp {
  appId: string;
  overrideCallbackUri?: string;
}

export interface WabaRecord {
  id: string;
  name: string;
  businessId: string;
  currency: string;
  timezoneId: string;
  messageTemplateNamespace: string;
  subscribedApps: Map<string, SubscribedApp>;
}

export interface PhoneNumberRecord {
  id: string;
  wabaId: string;
  /** As Meta shows it, e.g. `+1 555-078-3881`; webhooks carry digits only. */
  displayPhoneNumber: string;
  verifiedName: string;
  /** Whether the business behind this number passed business verification (drives the 50/24 h limit). */
  businessVerified: boolean;
  qualityRating: "GREEN" | "YELLOW" | "RED" | "UNKNOWN";
  nameStatus: string;
  codeVerificationStatus: "VERIFIED" | "NOT_VERIFIED" | "EXPIRED";
  messagingLimitTier: string;
  businessManagerMessagingLimit: string;
  /** Two-step verification PIN; `null` until one is set (the first register sets it). */
  pin: string | null;
  registered: boolean;
  /** Register and deregister calls, for Meta's 10 per 72 h rule (133016). */
  registrationCalls: number[];
  throughputMps: number;
  /** Unique business-initiated recipients per rolling 24 h; `null` = not limited here. */
  uniqueRecipientLimit: number | null;
  lastOnboardedAt: number;
  webhookOverrideUri?: string;
  /** The OTP "sent" by `request_code`, shown in `/_emulator/state` since no SMS ever leaves. */
  verificationCode?: string;
}

export interface CatalogRecord {
  id: string;
  name: string;
  businessId: string;
}

/** A granular scope names the objects it covers; no `target_ids` means all of them. */
export interface GranularScope {
  scope: string;
  targetIds?: string[];
}

export interface TokenRecord {
  token: string;
  appId: string;
  userId: string;
  type: "USER" | "SYSTEM_USER" | "APP";
  scopes: string[];
  granularScopes: GranularScope[];
  issuedAt: number;
  /** 0 = never expires (business integration system-user tokens). */
  expiresAt: number;
  revoked: boolean;
}

export interface AuthorizationCode {
  code: string;
  appId: string;
  redirectUri: string;
  configId: string | null;
  scopes: string[];
  granularScopes: GranularScope[];
  createdAt: number;
  used: boolean;
}
