import { type GraphUsage, parseUsageHeaders, regainAccessMs, retryAfterHeaderMs } from "../http/usage-headers.js";
import {
  type GraphAuthReason,
  type GraphError,
  type GraphErrorInit,
  type GraphRateLimitScope,
  GraphAuthError,
  GraphNetworkError,
  GraphRateLimitError,
  GraphRequestError,
  GraphTransientError,
} from "./graph-errors.js";
import { redactSecrets } from "./redact.js";

/**
 * The one place that turns a failed Graph call into a typed error. Decisions follow the Graph
 * error `code` (plus `is_transient`), not the message text, and only fall back to the HTTP status
 * when Meta sent no envelope (proxies, load balancers). Meta's code table: meta-cloud-api.md §10.
 */

export type GraphFailure =
  { kind: "http"; status: number; body: unknown; headers: Pick<Headers, "get"> } | { kind: "network"; error: unknown };

export interface ClassifyContext {
  method?: string;
  /** URL path only. */
  path?: string;
  /** Values to scrub from any text that ends up in the error (token, app secret, code). */
  secrets?: readonly (string | undefined)[];
  /** For `Retry-After` given as an HTTP date. */
  nowMs?: number;
}

/**
 * 190 is the access-token error; 104 (no token at all, HTTP 400 at Meta), 102 (API session) and
 * 0 (AuthException) mean the same for us.
 */
const AUTH_CODES = new Set([0, 102, 104, 190]);
const AUTH_SUBCODES: Record<number, GraphAuthReason> = {
  458: "app_not_installed",
  459: "checkpoint",
  460: "password_changed",
  463: "expired",
  464: "unconfirmed_user",
  467: "invalid_session",
  492: "invalid_session",
};

const RATE_LIMIT_CODES: Record<number, GraphRateLimitScope> = {
  4: "app",
  17: "user",
  32: "page",
  613: "custom",
  // The WhatsApp business-account throttles (platform-facts: "4, 80007 and 80008 (WhatsApp
  // business account calls)"); both report the wait in `x-business-use-case-usage`.
  80007: "business_use_case",
  80008: "business_use_case",
  // Catalog BUC throttles: catalog management reads (80009) and batch uploads (80014, "too many
  // calls for the batch uploads to this catalog account"), per catalog.
  80009: "business_use_case",
  80014: "business_use_case",
  130429: "phone_number_throughput",
  131056: "recipient_pair",
};

/** 1 unknown, 2 service, 131000 something went wrong, 131016 overloaded, 133004 server unavailable. */
const TRANSIENT_CODES = new Set([1, 2, 131000, 131016, 133004, 131057]);
/** 131057: account in maintenance during a throughput upgrade, which Meta says lasts about a minute. */
const DOCUMENTED_WAIT_MS: Record<number, number> = { 131057: 60_000 };
/** Answered with HTTP 500 by Meta, yet a retry cannot help (missing capability, bad certificate, half-deregistered). */
const PERMANENT_DESPITE_5XX = new Set([3, 131045, 133000]);

/** Connection never established: the request cannot have reached Meta. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

interface Envelope {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  fbtrace_id?: string;
  is_transient?: boolean;
  error_data?: unknown;
  error_user_title?: string;
  error_user_msg?: string;
}

/** Lenient on purpose: a half-formed envelope must still be classified, never crash here. */
function readEnvelope(body: unknown): Envelope | undefined {
  const parsed = typeof body === "string" ? safeJson(body) : body;
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const error = (parsed as { error?: unknown }).error;
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const int = (v: unknown) => (typeof v === "number" && Number.isInteger(v) ? v : undefined);
  return {
    message: str(e.message),
    type: str(e.type),
    code: int(e.code),
    error_subcode: int(e.error_subcode),
    fbtrace_id: str(e.fbtrace_id),
    is_transient: typeof e.is_transient === "boolean" ? e.is_transient : undefined,
    error_data:
      typeof e.error_data === "string" || (typeof e.error_data === "object" && e.error_data !== null)
        ? e.error_data
        : undefined,
    error_user_title: str(e.error_user_title),
    error_user_msg: str(e.error_user_msg),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    if ((e as { name?: unknown }).name === "TimeoutError") return "ETIMEDOUT";
  }
  return undefined;
}

export function classifyGraphError(failure: GraphFailure, context: ClassifyContext = {}): GraphError {
  const where = `${context.method ?? "?"} ${context.path ?? "?"}`;
  const scrub = (s: string | undefined) => (s === undefined ? undefined : redactSecrets(s, context.secrets));

  if (failure.kind === "network") {
    const code = networkCode(failure.error);
    return new GraphNetworkError(
      {
        message: `Network failure calling Graph ${where}${code ? `: ${code}` : ""}`,
        method: context.method,
        path: context.path,
      },
      code,
      !(code !== undefined && NOT_SENT_CODES.has(code)),
    );
  }

  const usage: GraphUsage = parseUsageHeaders(failure.headers);
  const env = readEnvelope(failure.body);
  const details = typeof env?.error_data === "object" ? (env.error_data as { details?: unknown }).details : undefined;
  const label = env?.code !== undefined ? `(#${env.code}${env.error_subcode ? `/${env.error_subcode}` : ""}) ` : "";
  const init: GraphErrorInit = {
    message: `Graph ${where} failed with HTTP ${failure.status}: ${label}${scrub(env?.message) ?? "no error envelope"}`,
    httpStatus: failure.status,
    code: env?.code,
    error_subcode: env?.error_subcode,
    type: env?.type,
    fbtrace_id: env?.fbtrace_id ?? failure.headers.get("x-fb-trace-id") ?? undefined,
    details: scrub(typeof details === "string" ? details : undefined),
    error_data:
      typeof env?.error_data === "string" ? scrub(env.error_data) : (env?.error_data as GraphErrorInit["error_data"]),
    error_user_title: scrub(env?.error_user_title),
    error_user_msg: scrub(env?.error_user_msg),
    usage,
    method: context.method,
    path: context.path,
  };
  const code = env?.code;
  const retryAfter = retryAfterHeaderMs(failure.headers, context.nowMs ?? Date.now()) ?? regainAccessMs(usage);

  if (
    (code !== undefined && AUTH_CODES.has(code) && (code !== 0 || failure.status === 401)) ||
    (code === undefined && failure.status === 401)
  ) {
    return new GraphAuthError(init, AUTH_SUBCODES[env?.error_subcode ?? -1] ?? "invalid_token");
  }
  const scope = code !== undefined ? RATE_LIMIT_CODES[code] : undefined;
  if (scope !== undefined || (failure.status === 429 && (code === undefined || !TRANSIENT_CODES.has(code)))) {
    return new GraphRateLimitError(init, scope ?? "unknown", retryAfter);
  }
  if (
    (code !== undefined && TRANSIENT_CODES.has(code)) ||
    env?.is_transient === true ||
    (failure.status >= 500 && (code === undefined || !PERMANENT_DESPITE_5XX.has(code)))
  ) {
    return new GraphTransientError(init, retryAfter ?? (code !== undefined ? DOCUMENTED_WAIT_MS[code] : undefined));
  }
  return new GraphRequestError(init);
}
