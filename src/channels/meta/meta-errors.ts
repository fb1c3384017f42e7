import {
  GraphAuthError,
  GraphError,
  GraphNetworkError,
  GraphRateLimitError,
  GraphRequestError,
  GraphTransientError,
  GraphUnexpectedResponseError,
  type GraphRateLimitScope,
} from "../../graph/index.js";
import { ChannelError, type RefusalReason, type ThrottleScope } from "../errors.js";

/**
 * Meta's failures in the port's terms: the only place that reads Meta's error codes (Graph
 * "Handling Errors", the Cloud API error-code table) outside `src/graph/`. Anything that is not a
 * `GraphError` (an AppError, a bug) passes through unchanged.
 */
export function metaChannelError(err: unknown): unknown {
  if (!(err instanceof GraphError)) return err;
  const provider = {
    httpStatus: err.httpStatus,
    code: err.code,
    subcode: err.error_subcode,
    type: err.type,
    traceId: err.fbtrace_id,
    title: err.error_user_title,
    userMessage: err.error_user_msg,
    details: err.details,
  };
  const base = { channel: "meta" as const, message: err.message, provider, retryable: err.retryable, cause: err };
  if (err instanceof GraphAuthError) return new ChannelError({ ...base, kind: "auth_lapsed" });
  if (err instanceof GraphRateLimitError)
    return new ChannelError({ ...base, kind: "throttled", scope: SCOPES[err.scope], retryAfterMs: err.retryAfterMs });
  // The request left and no answer came back (timeout, connection lost), or a 2xx we could not read.
  if (err instanceof GraphNetworkError)
    return new ChannelError({
      ...base,
      kind: err.maybeProcessed ? "maybe_processed" : "unavailable",
      networkCode: err.networkCode,
    });
  if (err instanceof GraphUnexpectedResponseError) return new ChannelError({ ...base, kind: "maybe_processed" });
  const reason = refusalReason(err);
  if (reason === "media_type_not_supported")
    // Code 100 carries the supported types in its message, not in `details`.
    return new ChannelError({
      ...base,
      kind: "refused",
      reason,
      message: err.code === 100 ? err.message : (err.error_user_msg ?? err.details ?? err.message),
    });
  if (err instanceof GraphTransientError)
    return new ChannelError({ ...base, kind: "unavailable", retryAfterMs: err.retryAfterMs, reason });
  return new ChannelError({ ...base, kind: "refused", reason });
}

const SCOPES: Record<GraphRateLimitScope, ThrottleScope> = {
  app: "app",
  user: "app",
  page: "app",
  custom: "app",
  unknown: "app",
  business_use_case: "account",
  phone_number_throughput: "number",
  recipient_pair: "recipient",
};

/** Meta's subcodes for a template definition it refuses (template-management docs, pywa's table). */
const TEMPLATE_CONTENT_SUBCODES = new Set([2388040, 2388047, 2388072, 2388073, 2388293, 2388299]);
const TEMPLATE_DUPLICATE = 2388024;

/**
 * Meta refuses an upload's type with the generic code 100, whose message names the parameter
 * ("(#100) Param file must be a file with one of the following types: ...", fbsamples/
 * whatsapp-api-examples#10); code 100 is otherwise any bad parameter, hence the look at the text.
 */
const refusedFile = (err: GraphError) => err.code === 100 && /\bParam file must be\b/.test(err.message);

/**
 * The codes a module reacts to specifically. The add / verify / migrate / register flows: 136025
 * wrong code, 136024 too many code requests or attempts, 133005 two-step PIN mismatch,
 * 133008/133009 too many PIN guesses, 133006 not verified, 133016 the register/deregister limit,
 * 100 with subcode 2388012 (already in a WABA), 2388103 (cannot be migrated: two-step verification
 * still on at the old provider), 2388091/2388093 (not being migrated), and code 100 naming the
 * display name (`verified_name`). Media: 131053 and code 100 on the file's type. Templates: the
 * duplicate and content subcodes, on a refused request only.
 */
function refusalReason(err: GraphError): RefusalReason | undefined {
  if (err.code === 131053 || refusedFile(err)) return "media_type_not_supported";
  if (err instanceof GraphRequestError) {
    if (err.error_subcode === TEMPLATE_DUPLICATE) return "template_exists";
    if (err.error_subcode !== undefined && TEMPLATE_CONTENT_SUBCODES.has(err.error_subcode)) return "template_invalid";
  }
  switch (err.code) {
    case 136025:
      return "verification_code_invalid";
    case 136024:
      return "verification_too_many_attempts";
    case 133005:
      return "two_step_pin_mismatch";
    case 133008:
    case 133009:
      return "two_step_pin_attempts_exceeded";
    case 133006:
      return "number_not_verified";
    case 133016:
      return "registration_limit_reached";
    default:
      break;
  }
  if (err.code !== 100) return undefined;
  if (err.error_subcode === 2388012) return "number_exists";
  if (err.error_subcode === 2388103) return "two_step_still_enabled";
  if (err.error_subcode === 2388091 || err.error_subcode === 2388093) return "number_not_migratable";
  const said = err.error_user_msg ?? err.details ?? err.message;
  if (/display name|verified_name/i.test(`${said} ${err.message}`)) return "display_name_rejected";
  return "invalid_parameter";
}
