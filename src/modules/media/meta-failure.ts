import { ChannelError, channelFailure, PROVIDER_NAMES, providerDetails } from "../../channels/index.js";
import { AppError } from "../../platform/errors/index.js";

/** The shared channel-to-API mapping, plus the provider's refusal of a media file's type. */
export function metaFailure(err: unknown, doing: string): AppError {
  if (err instanceof ChannelError && err.reason === "media_type_not_supported") {
    // The adapter puts the provider's words (which list the supported types) in the message.
    return new AppError("MEDIA_TYPE_NOT_SUPPORTED", `${PROVIDER_NAMES[err.channel]} refused the file: ${err.message}`, {
      details: providerDetails(err),
    });
  }
  return channelFailure(err, doing);
}
