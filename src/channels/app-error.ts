import { AppError } from "../platform/errors/index.js";
import type { ChannelId } from "./channel-id.js";
import { ChannelError } from "./errors.js";

export const PROVIDER_NAMES: Record<ChannelId, string> = { meta: "Meta", "360dialog": "360dialog" };

/** The API's error details for a provider failure: its code and trace id, for support. */
export const providerDetails = (err: ChannelError) => ({
  metaCode: err.provider.code,
  metaSubcode: err.provider.subcode,
  fbtraceId: err.provider.traceId,
});

/**
 * A channel failure as the API's error, keeping the provider's code and trace id for support
 * (`details.metaCode`, `details.fbtraceId`: 360dialog passes Meta's codes through). Modules that
 * react to a refusal's `reason` map those first and hand the rest here.
 */
export function channelFailure(err: unknown, doing: string): AppError {
  if (!(err instanceof ChannelError))
    return err instanceof AppError
      ? err
      : new AppError("META_UNAVAILABLE", `Meta could not be reached while ${doing}; retry later.`);
  const who = PROVIDER_NAMES[err.channel];
  const details = providerDetails(err);
  const said = err.said;
  if (err.kind === "auth_lapsed")
    return new AppError(
      "CONNECTION_NEEDS_RECONNECT",
      `${who} rejected the access token while ${doing} (${said}); reconnect WhatsApp in Settings.`,
      { details },
    );
  if (err.kind === "throttled") {
    const retryAfterSeconds = err.retryAfterMs ? Math.ceil(err.retryAfterMs / 1000) : 60;
    return new AppError(
      "RATE_LIMITED",
      `${who} is rate limiting this account while ${doing}; retry in ${retryAfterSeconds} s.`,
      { details, retryAfterSeconds },
    );
  }
  if (err.kind === "unsupported")
    return new AppError(
      "NOT_SUPPORTED_BY_CHANNEL",
      `${who} does not offer ${doing}; see docs/channels.md for what each provider supports.`,
      { details },
    );
  if (err.retryable)
    return new AppError("META_UNAVAILABLE", `${who} had a temporary problem while ${doing} (${said}); retry later.`, {
      details,
    });
  return new AppError("META_REQUEST_FAILED", `${who} refused ${doing}: ${said} (code ${err.provider.code ?? "?"}).`, {
    details,
  });
}
