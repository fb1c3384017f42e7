import type { EmulatorState } from "../state/emulator-state.js";
import type { FaultRegistry } from "../faults/fault-registry.js";
import type { WebhookSender } from "../webhooks/webhook-sender.js";
import type { MessagePricing } from "../messages/status-values.js";
import type { SentMessage, StatusName } from "../state/content-model.js";
import type { EmulatorClock } from "./clock.js";
import type { ResolvedOptions } from "./options.js";
import type { TimerSet } from "./timers.js";

/**
 * What every route module receives. `state` is replaced on reset, so handlers read
 * `ctx.state` when they run instead of capturing it.
 */
export interface EmulatorContext {
  readonly options: ResolvedOptions;
  readonly clock: EmulatorClock;
  state: EmulatorState;
  /** The app's callback URL (App Dashboard > WhatsApp > Configuration); changeable at run time. */
  webhookUrl: string | undefined;
  /** Where the plugin is mounted (`""` standalone, `/_meta` in sandbox mode). */
  mountPrefix: string;
  readonly timers: TimerSet;
  readonly webhooks: WebhookSender;
  readonly faults: FaultRegistry;
  readonly statuses: StatusSink;
  /** Call after changing durable state outside a request (timers): saves it when a state file is set. */
  changed(): void;
}

/** Where accepted messages go to have their status webhooks sent (the StatusPipeline). */
export interface StatusSink {
  enqueue(message: SentMessage, pricing: MessagePricing, final: StatusName): void;
  clear(): void;
  close(): void;
  readonly pending: number;
}
