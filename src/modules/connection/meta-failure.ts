import { GraphAuthError, GraphError, GraphRateLimitError } from "../../graph/index.js";
import { AppError } from "../../platform/errors/index.js";

/** Turns a Graph failure into the API's error, keeping Meta's code and trace id for support. */
export function metaFailure(err: unknown, doing: string): AppError {
  if (!(err instanceof GraphError))
    return err instanceof AppError
      ? err
      : new AppError("META_UNAVAILABLE", `Meta could not be reached while ${doing}; retry later.`);
  const details = { metaCode: err.code, metaSubcode: err.error_subcode, fbtraceId: err.fbtrace_id };
  const said = err.error_user_msg ?? err.details ?? err.message;
  if (err instanceof GraphAuthError)
    return new AppError(
      "CONNECTION_NEEDS_RECONNECT",
      `Meta rejected the access token while ${doing} (${said}); reconnect WhatsApp in Settings.`,
      { details },
    );
  if (err instanceof GraphRateLimitError) {
    const retryAfterSeconds = err.retryAfterMs ? Math.ceil(err.retryAfterMs / 1000) : 60;
    return new AppError(
      "RATE_LIMITED",
      `Meta is rate limiting this account while ${doing}; retry in ${retryAfterSeconds} s.`,
      { details, retryAfterSeconds },
    );
  }
  if (err.retryable)
    return new AppError("META_UNAVAILABLE", `Meta had a temporary problem while ${doing} (${said}); retry later.`, {
      details,
    });
  return new AppError("META_REQUEST_FAILED", `Meta refused ${doing}: ${said} (code ${err.code ?? "?"}).`, { details });
}
