import type { GraphErrorData } from "../wire/graph-error.js";
import type { GraphUsage } from "../http/usage-headers.js";

/**
 * Typed Graph errors. Build them only through `classifyGraphError`, the one place that maps
 * Meta's codes to these classes. Every message is redacted before it gets here: nothing in an
 * error (message, fields, `toString()`, `toJSON()`) may carry an access token or a secret.
 */

export type GraphErrorKind = "auth" | "rate_limit" | "transient" | "request" | "unexpected_response";

export interface GraphErrorInit {
  message: string;
  httpStatus?: number | undefined;
  code?: number | undefined;
  error_subcode?: number | undefined;
  type?: string | undefined;
  fbtrace_id?: string | undefined;
  /** `error_data.details`, Meta's human-readable reason for Cloud API errors. */
  details?: string | undefined;
  error_data?: GraphErrorData | undefined;
  error_user_title?: string | undefined;
  error_user_msg?: string | undefined;
  usage?: GraphUsage | undefined;
  method?: string | undefined;
  /** URL path only; query strings (which may hold secrets) are never kept. */
  path?: string | undefined;
}

export abstract class GraphError extends Error {
  abstract readonly kind: GraphErrorKind;
  /** Whether the same request may succeed later without being changed. */
  abstract readonly retryable: boolean;
  readonly httpStatus: number | undefined;
  readonly code: number | undefined;
  readonly error_subcode: number | undefined;
  readonly type: string | undefined;
  readonly fbtrace_id: string | undefined;
  readonly details: string | undefined;
  readonly error_data: GraphErrorData | undefined;
  readonly error_user_title: string | undefined;
  readonly error_user_msg: string | undefined;
  readonly usage: GraphUsage;
  readonly method: string | undefined;
  readonly path: string | undefined;

  constructor(init: GraphErrorInit) {
    super(init.message);
    this.httpStatus = init.httpStatus;
    this.code = init.code;
    this.error_subcode = init.error_subcode;
    this.type = init.type;
    this.fbtrace_id = init.fbtrace_id;
    this.details = init.details;
    this.error_data = init.error_data;
    this.error_user_title = init.error_user_title;
    this.error_user_msg = init.error_user_msg;
    this.usage = init.usage ?? {};
    this.method = init.method;
    this.path = init.path;
  }

  /** What loggers see: the classified facts, no request material. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      retryable: this.retryable,
      message: this.message,
      httpStatus: this.httpStatus,
      code: this.code,
      error_subcode: this.error_subcode,
      type: this.type,
      fbtrace_id: this.fbtrace_id,
      details: this.details,
      method: this.method,
      path: this.path,
    };
  }
}

/** Why a token stopped working (code 190 subcodes, Graph "Handling Errors"). */
export type GraphAuthReason =
  | "app_not_installed" // 458
  | "checkpoint" // 459: the user must log in to facebook.com
  | "password_changed" // 460
  | "expired" // 463
  | "unconfirmed_user" // 464
  | "invalid_session" // 467, 492: logged out / session invalidated
  | "invalid_token";

/** The token is unusable: reconnect the tenant. Never retried. */
export class GraphAuthError extends GraphError {
  readonly kind = "auth" as const;
  readonly retryable = false;
  override readonly name = "GraphAuthError";
  constructor(
    init: GraphErrorInit,
    readonly reason: GraphAuthReason,
  ) {
    super(init);
  }
}

/** Which budget ran out, so the caller slows the right thing (app, number, or one recipient). */
export type GraphRateLimitScope =
  | "app" // 4
  | "user" // 17
  | "page" // 32
  | "custom" // 613
  | "business_use_case" // 80007, 80008: the WhatsApp business account's budget (x-business-use-case-usage)
  | "phone_number_throughput" // 130429: the number's messages per second
  | "recipient_pair" // 131056: one recipient, ~1 message per 6 s
  | "unknown"; // HTTP 429 without a Graph code

export class GraphRateLimitError extends GraphError {
  readonly kind = "rate_limit" as const;
  readonly retryable = true;
  override readonly name = "GraphRateLimitError";
  constructor(
    init: GraphErrorInit,
    readonly scope: GraphRateLimitScope,
    /** From `Retry-After` or BUC `estimated_time_to_regain_access`; undefined when Meta gives none. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(init);
  }
}

/** Meta-side trouble (5xx, codes 1, 2, 131000, 131016, 133004, 131057): retry with backoff. */
export class GraphTransientError extends GraphError {
  readonly kind = "transient" as const;
  readonly retryable = true;
  override readonly name: string = "GraphTransientError";
  constructor(
    init: GraphErrorInit,
    readonly retryAfterMs?: number | undefined,
  ) {
    super(init);
  }
}

/**
 * No HTTP answer at all (refused, reset, DNS, timeout). `maybeProcessed` is true unless the
 * connection was never made: a send that timed out may still have been delivered by Meta.
 */
export class GraphNetworkError extends GraphTransientError {
  override readonly name = "GraphNetworkError";
  constructor(
    init: GraphErrorInit,
    readonly networkCode: string | undefined,
    readonly maybeProcessed: boolean,
  ) {
    super(init);
  }
}

/** Meta refused the request as made (bad parameter, permission, policy): fix it, don't retry. */
export class GraphRequestError extends GraphError {
  readonly kind = "request" as const;
  readonly retryable = false;
  override readonly name = "GraphRequestError";
}

/**
 * A 2xx answer whose body does not match the documented shape. Not retryable: for a send, Meta
 * may well have accepted the message.
 */
export class GraphUnexpectedResponseError extends GraphError {
  readonly kind = "unexpected_response" as const;
  readonly retryable = false;
  override readonly name = "GraphUnexpectedResponseError";
}
