/**
 * What a caller can tune. Defaults are chosen so a test sees Meta's behaviour quickly
 * (status webhooks after 50/100/150 ms) while the limits keep Meta's documented values.
 */
export interface RecipientRule {
  /** Matched against the end of the recipient's wa_id (digits only). */
  suffix: string;
  /** `undeliverable`: a `failed` status with 131026; `no_read_receipts`: never a `read` status. */
  outcome: "undeliverable" | "no_read_receipts";
}

export interface EmulatorOptions {
  appId?: string;
  appSecret?: string;
  appName?: string;
  /**
   * The app's "Require App Secret" setting: calls made with a user or system-user token must carry
   * `appsecret_proof`. Off by default, as on a new Meta app; `PATCH /_emulator/app` switches it.
   */
  requireAppSecret?: boolean;
  /** The app's webhook version, e.g. `v24.0` (default `v23.0`); `PATCH /_emulator/app {webhookVersion}` changes it. */
  webhookVersion?: string;
  /** Where signed webhooks go; without it nothing is posted (still recorded in `/_emulator/webhooks`). */
  webhookUrl?: string;
  /** Base clock; `POST /_emulator/clock {advanceMs}` moves it forward. */
  now?: () => number;
  /** Delay before each status webhook after a message is accepted; 0 is allowed. */
  statusDelaysMs?: { sent?: number; delivered?: number; read?: number };
  /** Approve PENDING templates automatically after this many ms; unset = wait for the control API. */
  templateAutoApproveMs?: number;
  /** How long changes are gathered into one webhook POST (Meta batches up to 1000 updates). */
  webhookBatchWindowMs?: number;
  webhookMaxBatch?: number;
  /** Re-sends when the receiver does not answer 2xx: delay doubles from `baseDelayMs`. */
  webhookRetry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  webhookTimeoutMs?: number;
  /** OAuth redirect URIs the app allows: exact URIs, or prefixes ending in `*`. */
  redirectUris?: string[];
  /** Messages per second per number before 130429 (Meta's STANDARD level is 80). */
  throughputMps?: number;
  /** Unique business-initiated recipients per rolling 24 h for an unverified business. */
  unverifiedRecipientLimit?: number;
  /** Pair rate (131056): one message per `intervalMs` to one recipient, `burst` borrowed ahead. */
  pairRate?: { intervalMs?: number; burst?: number };
  /** Where the emulator root is reachable, mount prefix included (e.g. `https://host/_meta`); by default taken from each request. */
  publicUrl?: string;
  recipientRules?: RecipientRule[];
  authorizationCodeTtlMs?: number;
  batchProcessingMs?: number;
  /** items_batch calls a catalog may take per rolling hour before Meta answers 80014. */
  catalogBatchCallsPerHour?: number;
  maxStoredMessages?: number;
  /**
   * A JSON file the durable state (tokens, subscriptions, numbers, templates, windows, media) is
   * saved to after changes and loaded from at start: a restarted emulator is the same Meta.
   * Unset = memory only.
   */
  stateFile?: string;
}

export type ResolvedOptions = Required<
  Omit<EmulatorOptions, "webhookUrl" | "templateAutoApproveMs" | "publicUrl" | "now" | "stateFile">
> & {
  stateFile: string | undefined;
  webhookUrl: string | undefined;
  templateAutoApproveMs: number | undefined;
  publicUrl: string | undefined;
  statusDelaysMs: { sent: number; delivered: number; read: number };
  webhookRetry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  pairRate: { intervalMs: number; burst: number };
};

export const DEFAULT_APP_ID = "1029384756102938";

/** Loopback callbacks are allowed by default so a local client works without configuration. */
export const DEFAULT_REDIRECT_URIS = ["http://localhost*", "http://127.0.0.1*", "http://[::1]*"];

export const DEFAULT_RECIPIENT_RULES: RecipientRule[] = [
  { suffix: "9999", outcome: "undeliverable" },
  { suffix: "8888", outcome: "no_read_receipts" },
];

export function resolveOptions(options: EmulatorOptions, generatedSecret: string): ResolvedOptions {
  return {
    appId: options.appId ?? DEFAULT_APP_ID,
    appSecret: options.appSecret ?? generatedSecret,
    appName: options.appName ?? "Wharf Emulator App",
    requireAppSecret: options.requireAppSecret ?? false,
    webhookUrl: options.webhookUrl,
    webhookVersion: options.webhookVersion ?? "v23.0",
    statusDelaysMs: { sent: 50, delivered: 100, read: 150, ...options.statusDelaysMs },
    templateAutoApproveMs: options.templateAutoApproveMs,
    webhookBatchWindowMs: options.webhookBatchWindowMs ?? 10,
    webhookMaxBatch: Math.min(options.webhookMaxBatch ?? 1000, 1000),
    webhookRetry: { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 60_000, ...options.webhookRetry },
    webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
    redirectUris: options.redirectUris ?? DEFAULT_REDIRECT_URIS,
    throughputMps: options.throughputMps ?? 80,
    unverifiedRecipientLimit: options.unverifiedRecipientLimit ?? 50,
    pairRate: { intervalMs: 6000, burst: 45, ...options.pairRate },
    publicUrl: options.publicUrl?.replace(/\/+$/, ""),
    recipientRules: options.recipientRules ?? DEFAULT_RECIPIENT_RULES,
    authorizationCodeTtlMs: options.authorizationCodeTtlMs ?? 10 * 60_000,
    batchProcessingMs: options.batchProcessingMs ?? 50,
    catalogBatchCallsPerHour: options.catalogBatchCallsPerHour ?? 1_000,
    maxStoredMessages: options.maxStoredMessages ?? 100_000,
    stateFile: options.stateFile,
  };
}
