import { ChannelError, channelFailure, PROVIDER_NAMES, providerDetails } from "../../channels/index.js";
import { AppError } from "../../platform/errors/index.js";

/** The shared channel-to-API mapping, plus what the provider says specifically about template definitions. */
export function metaFailure(err: unknown, doing: string): AppError {
  if (err instanceof ChannelError && err.kind === "refused") {
    const said = err.said;
    const who = PROVIDER_NAMES[err.channel];
    if (err.reason === "template_exists")
      return new AppError(
        "TEMPLATE_ALREADY_EXISTS",
        `${who} already has this template in that language: ${said} Run POST /v1/templates/sync to see it.`,
        { details: providerDetails(err) },
      );
    if (err.reason === "template_invalid")
      return new AppError("TEMPLATE_INVALID", `${who} refused the template: ${said}`, {
        details: [{ field: "components", message: said }],
      });
  }
  return channelFailure(err, doing);
}
