import type { EmulatorContext } from "../core/context.js";
import { publishToD360 } from "../d360/d360-webhooks.js";

export type PublishOutcome = "queued" | "not_subscribed" | "no_webhook_url";

/**
 * Hands one change to the webhook sender if Meta would deliver it: only an app subscribed to
 * the WABA (`POST /{waba_id}/subscribed_apps`) receives its webhooks. The target is the number's
 * override (for `messages` only), then the WABA subscription's override, then the app's URL.
 */
export function publish(
  ctx: EmulatorContext,
  wabaId: string,
  field: string,
  value: unknown,
  phoneNumberId?: string,
): PublishOutcome {
  // A number connected through 360dialog gets the change there too; then it is "queued" either way.
  const viaD360 = publishToD360(ctx, wabaId, field, value, phoneNumberId) > 0;
  const now = ctx.clock.now();
  const subscription = ctx.state.wabas.get(wabaId)?.subscribedApps.get(ctx.state.app.id);
  if (!subscription) {
    ctx.webhooks.log.drop({ at: now, wabaId, field, reason: "not_subscribed" });
    return viaD360 ? "queued" : "not_subscribed";
  }
  const phoneOverride =
    field === "messages" && phoneNumberId ? ctx.state.phoneNumbers.get(phoneNumberId)?.webhookOverrideUri : undefined;
  const url = phoneOverride || subscription.overrideCallbackUri || ctx.webhookUrl;
  if (!url) {
    ctx.webhooks.log.drop({ at: now, wabaId, field, reason: "no_webhook_url" });
    return viaD360 ? "queued" : "no_webhook_url";
  }
  ctx.webhooks.enqueue(url, { wabaId, field, value });
  return "queued";
}
