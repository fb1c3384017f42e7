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
  /**
   * The app's webhook version (App Dashboard > WhatsApp > Configuration > Webhooks): which payload
   * shape webhooks have. `pricing.type` appears in status webhooks from v24.0.
   */
  webhookVersion: string;
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
  /**
   * The portfolio's messaging limit, shared by every number of its WABAs (`TIER_250` … `TIER_UNLIMITED`,
   * `TIER_50` for the older unverified-business limit): reported as `whatsapp_business_manager_messaging_limit`
   * (v24+) and `messaging_limit_tier` (v23), and enforced on sends (portfolio/messaging-limit.ts).
   */
  messagingLimit: string;
  /**
   * The enterprise this portfolio is linked under, when parent BSUIDs are on (Meta, "Business-scoped
   * user IDs": linked portfolios share a customer's `parent_user_id`); unset: no parent BSUIDs.
   */
  parentId?: string;
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
  qualityRating: "GREEN" | "YELLOW" | "RED" | "UNKNOWN";
  nameStatus: string;
  codeVerificationStatus: "VERIFIED" | "NOT_VERIFIED" | "EXPIRED";
  /** Two-step verification PIN; `null` until one is set (the first register sets it). */
  pin: string | null;
  registered: boolean;
  /** Register and deregister calls, for Meta's 10 per 72 h rule (133016). */
  registrationCalls: number[];
  throughputMps: number;
  lastOnboardedAt: number;
  webhookOverrideUri?: string;
  /** The OTP "sent" by `request_code`, shown in `/_emulator/state` since no SMS ever leaves. */
  verificationCode?: string;
  /** `request_code` calls of the last 24 hours and wrong codes since the last request (136024 past Meta's limit). */
  codeRequests?: number[];
  wrongCodes?: number;
  /** Meta's health_status as set through the control API; by default derived from registration. */
  health?: {
    canSend: "AVAILABLE" | "LIMITED" | "BLOCKED";
    errors: Array<{ error_code: number; error_description: string }>;
  };
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
