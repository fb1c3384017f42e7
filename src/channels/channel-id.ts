/** The providers a workspace connection can go through (`connections.channel`). */
export const CHANNEL_IDS = ["meta", "360dialog"] as const;
export type ChannelId = (typeof CHANNEL_IDS)[number];

export const isChannelId = (value: unknown): value is ChannelId =>
  typeof value === "string" && (CHANNEL_IDS as readonly string[]).includes(value);
