import { fbtraceId } from "./ids.js";

/**
 * Meta's error envelope (OAS `GraphAPIError`):
 * `{error: {message, type, code, error_subcode?, error_data?, error_user_title?, error_user_msg?,
 * is_transient?, fbtrace_id}}`. Clients branch on `code` (and `error_data.details`), so the
 * HTTP status and code pairs come from Meta's Cloud API error table (meta-cloud-api.md §10.2).
 */
export interface MetaErrorFields {
  message: string;
  type: string;
  code: number;
  error_subcode?: number;
  error_data?: unknown;
  error_user_title?: string;
  error_user_msg?: string;
  is_transient?: boolean;
}

export interface MetaErrorEnvelope {
  error: MetaErrorFields & { fbtrace_id: string };
}

export class GraphError extends Error {
  readonly httpStatus: number;
  readonly fields: MetaErrorFields;
  /** Response headers that go with this answer (a throttle's `x-business-use-case-usage`). */
  readonly headers: Record<string, string>;

  constructor(httpStatus: number, fields: MetaErrorFields, headers: Record<string, string> = {}) {
    super(fields.message);
    this.name = "GraphError";
    this.httpStatus = httpStatus;
    this.fields = fields;
    this.headers = headers;
  }

  /** A fresh `fbtrace_id` per answer, as Meta does; it is also sent as `x-fb-trace-id`. */
  toEnvelope(traceId: string = fbtraceId()): MetaErrorEnvelope {
    return { error: { ...this.fields, fbtrace_id: traceId } };
  }
}

/** Cloud API errors carry `error_data: {messaging_product, details}` (Graph error handling doc). */
export function cloudApiError(
  httpStatus: number,
  code: number,
  title: string,
  details: string,
  extra: Partial<MetaErrorFields> = {},
): GraphError {
  return new GraphError(httpStatus, {
    message: `(#${code}) ${title}`,
    type: "OAuthException",
    code,
    error_data: { messaging_product: "whatsapp", details },
    ...extra,
  });
}

/** The asynchronous form of the same error, as found in `statuses[].errors` of webhooks. */
export interface WebhookErrorObject {
  code: number;
  title: string;
  message: string;
  error_data: { details: string };
  href: string;
}

export const ERROR_CODES_HREF = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";

export function webhookError(code: number, title: string, details: string): WebhookErrorObject {
  return { code, title, message: title, error_data: { details }, href: ERROR_CODES_HREF };
}
