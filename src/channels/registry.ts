import type { ChannelId } from "./channel-id.js";
import type { ChannelAdapter } from "./port.js";

/**
 * The adapters this process has, by channel id. The composition root (`src/main.ts`) builds each
 * adapter with its configuration and registers it here; modules look adapters up by the channel a
 * workspace connection names (`connections.channel`).
 */
export interface ChannelRegistry {
  get(channel: ChannelId): ChannelAdapter;
  has(channel: ChannelId): boolean;
  list(): readonly ChannelAdapter[];
}

export function createChannelRegistry(adapters: readonly ChannelAdapter[]): ChannelRegistry {
  const byId = new Map<ChannelId, ChannelAdapter>();
  for (const a of adapters) {
    if (byId.has(a.id)) throw new TypeError(`Channel adapter "${a.id}" is registered twice`);
    byId.set(a.id, a);
  }
  return {
    get(channel) {
      const adapter = byId.get(channel);
      if (!adapter) throw new TypeError(`No channel adapter "${channel}" is registered in this process`);
      return adapter;
    },
    has: (channel) => byId.has(channel),
    list: () => [...byId.values()],
  };
}
