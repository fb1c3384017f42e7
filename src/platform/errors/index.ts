/**
 * The one table of error codes: HTTP status and whether retrying the same request can help.
 * docs/errors.md lists the same codes for API users.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, retryable: false },
  MALFORMED_JSON: { status: 400, retryable: false },
  UNAUTHENTICATED: { status: 401, retryable: false },
  INVALID_CREDENTIALS: { status: 401, retryable: false },
  FORBIDDEN: { status: 403, retryable: false },
  CSRF_TOKEN_INVALID: { status: 403, retryable: false },
  NOT_FOUND: { status: 404, retryable: false },
  METHOD_NOT_ALLOWED: { status: 405, retryable: false },
  CONFLICT: { status: 409, retryable: false },
  ALREADY_EXISTS: { status: 409, retryable: false },
  IDEMPOTENCY_CONFLICT: { status: 409, retryable: false },
  CONNECTION_NEEDS_RECONNECT: { status: 409, retryable: false },
  LAST_OWNER: { status: 409, retryable: false },
  WABA_ALREADY_CONNECTED: { status: 409, retryable: false },
  WABA_CHOICE_REQUIRED: { status: 409, retryable: false },
  PHONE_NUMBER_IN_USE: { status: 409, retryable: false },
  ACCOUNT_EXISTS: { status: 409, retryable: false },
  INVITATION_INVALID: { status: 404, retryable: false },
  NOT_CONNECTED: { status: 409, retryable: false },
  NOT_SUPPORTED_BY_CHANNEL: { status: 409, retryable: false },
  OAUTH_STATE_INVALID: { status: 400, retryable: false },
  OAUTH_CODE_REJECTED: { status: 422, retryable: false },
  CHANNEL_KEY_REJECTED: { status: 422, retryable: false },
  MISSING_PERMISSION: { status: 422, retryable: false },
  META_REQUEST_FAILED: { status: 422, retryable: false },
  PHONE_NUMBER_NOT_ACTIVE: { status: 422, retryable: false },
  PHONE_NUMBER_PAUSED: { status: 422, retryable: false },
  PHONE_NUMBER_EXISTS: { status: 409, retryable: false },
  REGISTRATION_LIMIT_REACHED: { status: 429, retryable: true },
  DELETION_NOT_ALLOWED: { status: 409, retryable: false },
  WORKFLOW_STEP_INVALID: { status: 409, retryable: false },
  VERIFICATION_CODE_INVALID: { status: 422, retryable: false },
  VERIFICATION_TOO_MANY_ATTEMPTS: { status: 429, retryable: true },
  DISPLAY_NAME_REJECTED: { status: 422, retryable: false },
  TWO_STEP_STILL_ENABLED: { status: 409, retryable: false },
  TWO_STEP_PIN_MISMATCH: { status: 409, retryable: false },
  NUMBER_NOT_MIGRATABLE: { status: 422, retryable: false },
  CATALOG_TOKEN_INVALID: { status: 422, retryable: false },
  REQUEST_TIMEOUT: { status: 408, retryable: true },
  PAYLOAD_TOO_LARGE: { status: 413, retryable: false },
  URI_TOO_LONG: { status: 414, retryable: false },
  HEADERS_TOO_LARGE: { status: 431, retryable: false },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, retryable: false },
  RULE_VIOLATION: { status: 422, retryable: false },
  WEBHOOK_SIGNATURE_INVALID: { status: 401, retryable: false },
  WEBHOOK_VERIFY_FAILED: { status: 403, retryable: false },
  MEDIA_EXPIRED: { status: 410, retryable: false },
  TARGET_NOT_ALLOWED: { status: 422, retryable: false },
  WINDOW_CLOSED: { status: 422, retryable: false },
  RECIPIENT_OPTED_OUT: { status: 422, retryable: false },
  RECIPIENT_NOT_OPTED_IN: { status: 422, retryable: false },
  DUPLICATE_RECIPIENT: { status: 422, retryable: false },
  AUDIENCE_NOT_FOUND: { status: 422, retryable: false },
  EVENT_TYPE_UNKNOWN: { status: 422, retryable: false },
  MESSAGING_LIMIT_REACHED: { status: 422, retryable: false },
  PRODUCT_NOT_AVAILABLE: { status: 422, retryable: false },
  TEMPLATE_PARAMETERS_MISMATCH: { status: 422, retryable: false },
  TEMPLATE_INVALID: { status: 422, retryable: false },
  TEMPLATE_NOT_FOUND: { status: 422, retryable: false },
  TEMPLATE_NOT_APPROVED: { status: 422, retryable: false },
  TEMPLATE_ALREADY_EXISTS: { status: 409, retryable: false },
  TEMPLATE_NOT_EDITABLE: { status: 409, retryable: false },
  TEMPLATE_EDIT_LIMIT_REACHED: { status: 429, retryable: true },
  MEDIA_TOO_LARGE: { status: 413, retryable: false },
  MEDIA_TYPE_NOT_SUPPORTED: { status: 415, retryable: false },
  RATE_LIMITED: { status: 429, retryable: true },
  INTERNAL: { status: 500, retryable: true },
  META_UNAVAILABLE: { status: 502, retryable: true },
  NOT_READY: { status: 503, retryable: true },
} as const satisfies Record<string, { status: number; retryable: boolean }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The one error base class. The message is shown to API users: say what happened and what to do. */
export class AppError extends Error {
  readonly status: number;
  readonly retryable: boolean;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { retryAfterSeconds?: number; details?: unknown } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.status = ERROR_CODES[code].status;
    this.retryable = ERROR_CODES[code].retryable;
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} was not found.`);

export interface ErrorBody {
  error: { code: string; message: string; requestId: string; details?: unknown };
}
