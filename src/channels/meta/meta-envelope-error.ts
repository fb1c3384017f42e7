import { classifyGraphError, type GraphFailure } from "../../graph/index.js";
import type { ChannelId } from "../channel-id.js";
import { ChannelError } from "../errors.js";
import { metaChannelError } from "./meta-errors.js";

/** A failed HTTP exchange: a status with its body and headers, or no answer at all. */
export type MetaEnvelopeFailure = GraphFailure;

/**
 * A failure carrying Meta's error envelope, in the port's terms, for another channel that passes
 * Meta's errors through unchanged (360dialog's Cloud API does): the same classification as Meta's
 * own adapter, with `channel` and the provider's name in the message.
 */
export function channelErrorFromMetaEnvelope(
  failure: MetaEnvelopeFailure,
  context: { method: string; path: string; secrets: readonly string[]; providerName: string },
  channel: ChannelId,
): ChannelError {
  const graphError = classifyGraphError(failure, {
    method: context.method,
    path: context.path,
    secrets: context.secrets,
  });
  const mapped = metaChannelError(graphError);
  if (!(mapped instanceof ChannelError)) throw new TypeError("Meta's classifier returned no ChannelError");
  return new ChannelError({
    channel,
    kind: mapped.kind,
    message: mapped.message.replace(/^Graph /, `${context.providerName} `),
    retryable: mapped.retryable,
    reason: mapped.reason,
    scope: mapped.scope,
    retryAfterMs: mapped.retryAfterMs,
    networkCode: mapped.networkCode,
    provider: mapped.provider,
    cause: mapped,
  });
}
