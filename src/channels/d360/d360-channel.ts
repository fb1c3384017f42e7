import type { ChannelCapability } from "../capabilities.js";
import type { ChannelAdapter } from "../port.js";
import { createD360Session } from "./d360-session.js";
import { createD360Transport, type D360Transport } from "./d360-transport.js";

/**
 * What 360dialog's Cloud API offers Wharf: messages (with the typing indicator, Meta's body passed
 * through), media, templates and webhook configuration per number, and the partner Connect flow.
 * No PIN registration, number onboarding, resumable upload, catalog or commerce settings: those
 * happen in 360dialog's Hub. Its webhooks are not signed the Meta way.
 */
export const D360_CAPABILITIES: ReadonlySet<ChannelCapability> = new Set<ChannelCapability>([
  "partner_connect",
  "typing_indicator",
]);

export interface D360ChannelOptions {
  /** `https://waba-v2.360dialog.io`, or the emulator's stand-in (`.../_360dialog/waba-v2`). */
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface D360Channel extends ChannelAdapter {
  readonly transport: D360Transport;
}

export function createD360Channel(options: D360ChannelOptions): D360Channel {
  const transport = createD360Transport({
    baseUrl: new URL(options.baseUrl).toString(),
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 30_000,
  });
  return {
    id: "360dialog",
    capabilities: D360_CAPABILITIES,
    transport,
    session: (credentials, hooks) =>
      createD360Session({
        transport,
        key: credentials.secret,
        accountId: credentials.accountId,
        capabilities: D360_CAPABILITIES,
        hooks,
      }),
  };
}
