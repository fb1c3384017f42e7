import type { EmulatorContext } from "../core/context.js";

/**
 * The same change as Meta's, delivered the 360dialog way: Meta's payload as is, without
 * `X-Hub-Signature-256`, with the headers the channel's webhook configuration names
 * (docs.360dialog.com, "Receiving messages"; the hookdeck 360dialog-webhooks skill describes the
 * `headers` object as the way to authenticate). A number's `messages` go to its channel's URL; a
 * WABA-level change (a template's review, quality) to every configured channel of that WABA, once per URL.
 * Returns how many 360dialog deliveries it queued.
 */
export function publishToD360(
  ctx: EmulatorContext,
  wabaId: string,
  field: string,
  value: unknown,
  phoneNumberId: string | undefined,
): number {
  const { d360 } = ctx.state;
  if (d360.channels.size === 0) return 0;
  const targets =
    field === "messages" && phoneNumberId
      ? [d360.channelOfNumber(phoneNumberId)]
      : [...d360.channels.values()].filter((c) => c.wabaId === wabaId);
  const seen = new Set<string>();
  for (const channel of targets) {
    const webhook = channel?.webhook;
    if (!webhook || seen.has(webhook.url)) continue;
    seen.add(webhook.url);
    ctx.webhooks.enqueue(webhook.url, { wabaId, field, value }, webhook.headers);
  }
  return seen.size;
}
