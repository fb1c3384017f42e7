import { ChannelError } from "../errors.js";
import { channelErrorFromMetaEnvelope, type MetaEnvelopeFailure } from "../meta/index.js";

/**
 * 360dialog's failures in the port's terms. Its own refusal of a key is HTTP 401 with
 * `{"meta": {"success": false, "http_code": 401, "developer_message": "Invalid api key"}}`
 * (docs.360dialog.com/whatsapp-api/whatsapp-api): the key was revoked or replaced, so the
 * connection needs a new one, like a lapsed Meta token. Past the key, 360dialog's Cloud API hands
 * back Meta's own error envelope, classified exactly as Meta's adapter does.
 */
export function d360ChannelError(
  failure: MetaEnvelopeFailure,
  context: { method: string; path: string; key: string },
): ChannelError {
  if (failure.kind === "http" && failure.status === 401 && hasMetaEnvelope(failure.body)) {
    return new ChannelError({
      channel: "360dialog",
      kind: "auth_lapsed",
      message: "360dialog refused the API key (revoked, or replaced by a newer one); connect again with a new key.",
      provider: { httpStatus: 401, details: "Invalid api key" },
    });
  }
  return channelErrorFromMetaEnvelope(
    failure,
    { method: context.method, path: context.path, secrets: [context.key], providerName: "360dialog" },
    "360dialog",
  );
}

function hasMetaEnvelope(body: unknown): boolean {
  const parsed = typeof body === "string" ? safeJson(body) : body;
  return typeof parsed === "object" && parsed !== null && "meta" in parsed && !("error" in parsed);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
