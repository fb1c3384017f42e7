import type { ChannelId } from "./channel-id.js";

/**
 * The one error model of the channel port, in Wharf's terms. Every adapter turns its provider's
 * failures into a `ChannelError`; modules decide what a failure means for them (retry, pause,
 * tell the user) from `kind`, `reason`, `scope` and `retryAfterMs`, never from a provider's codes.
 * The provider's own code, subcode and trace id ride along in `provider` for support and for the
 * API's error details (`metaCode`, `fbtraceId`).
 */
export type ChannelErrorKind =
  /** The token or key no longer works (revoked, expired): the connection needs a reconnect. */
  | "auth_lapsed"
  /** Too fast: wait `retryAfterMs` (when the provider said) and slow down what `scope` names. */
  | "throttled"
  /** The provider refused this request as made; sending it again unchanged fails again. */
  | "refused"
  /** No usable answer came back after the request left: it may or may not have taken effect. */
  | "maybe_processed"
  /** Temporary trouble at the provider or on the way (5xx, connection never made): retry later. */
  | "unavailable"
  /** The adapter does not offer this verb (see capabilities). */
  | "unsupported";

/** Which budget ran out, so the caller slows the right thing. */
export type ThrottleScope =
  /** One recipient (Meta's pair rate, ~1 message per 6 s). */
  | "recipient"
  /** The sending number's throughput. */
  | "number"
  /** The business account's budget. */
  | "account"
  /** The platform app's or user's budget, or a 429 that names none. */
  | "app";

/** What a refusal means, where a module reacts to it specifically. */
export type RefusalReason =
  /** A parameter or id was not accepted (Meta's code 100 without a more specific subcode). */
  | "invalid_parameter"
  | "media_type_not_supported"
  | "template_exists"
  | "template_invalid"
  | "verification_code_invalid"
  | "verification_too_many_attempts"
  /** The number holds another two-step PIN than the one given. */
  | "two_step_pin_mismatch"
  /** Too many PIN guesses; wait before trying again. */
  | "two_step_pin_attempts_exceeded"
  | "number_not_verified"
  /** Too many register / deregister calls: blocked for 72 hours. */
  | "registration_limit_reached"
  | "number_exists"
  | "two_step_still_enabled"
  | "number_not_migratable"
  | "display_name_rejected";

/** What the provider itself said, kept for support; never a token or a key. */
export interface ProviderFacts {
  httpStatus?: number | undefined;
  code?: number | undefined;
  subcode?: number | undefined;
  type?: string | undefined;
  traceId?: string | undefined;
  /** The provider's title for a person (Meta's `error_user_title`). */
  title?: string | undefined;
  /** The provider's message for a person (Meta's `error_user_msg`). */
  userMessage?: string | undefined;
  /** The provider's detailed reason (Meta's `error_data.details`). */
  details?: string | undefined;
}

export interface ChannelErrorInit {
  channel: ChannelId;
  kind: ChannelErrorKind;
  message: string;
  /** Whether the same request may succeed later unchanged; defaults to the kind's (throttled, unavailable). */
  retryable?: boolean | undefined;
  reason?: RefusalReason | undefined;
  scope?: ThrottleScope | undefined;
  retryAfterMs?: number | undefined;
  /** A network failure's code (`ECONNRESET`, `ETIMEDOUT`), when there was no HTTP answer. */
  networkCode?: string | undefined;
  provider?: ProviderFacts | undefined;
  cause?: unknown;
}

export class ChannelError extends Error {
  override readonly name = "ChannelError";
  readonly channel: ChannelId;
  readonly kind: ChannelErrorKind;
  /** Whether the same request may succeed later without being changed. */
  readonly retryable: boolean;
  readonly reason: RefusalReason | undefined;
  readonly scope: ThrottleScope | undefined;
  readonly retryAfterMs: number | undefined;
  readonly networkCode: string | undefined;
  readonly provider: ProviderFacts;

  constructor(init: ChannelErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.channel = init.channel;
    this.kind = init.kind;
    this.retryable = init.retryable ?? (init.kind === "throttled" || init.kind === "unavailable");
    this.reason = init.reason;
    this.scope = init.scope;
    this.retryAfterMs = init.retryAfterMs;
    this.networkCode = init.networkCode;
    this.provider = init.provider ?? {};
  }

  /** The provider's words for a person, best first. */
  get said(): string {
    return this.provider.userMessage ?? this.provider.details ?? this.message;
  }

  /** What loggers see: the classified facts and the provider's codes, nothing of the request. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      channel: this.channel,
      kind: this.kind,
      reason: this.reason,
      scope: this.scope,
      retryAfterMs: this.retryAfterMs,
      message: this.message,
      provider: this.provider,
    };
  }
}

export const isChannelError = (err: unknown, kind?: ChannelErrorKind): err is ChannelError =>
  err instanceof ChannelError && (kind === undefined || err.kind === kind);
