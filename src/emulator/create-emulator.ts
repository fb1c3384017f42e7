import type { FastifyPluginAsync } from "fastify";
import { createClock, type EmulatorClock } from "./core/clock.js";
import type { EmulatorContext } from "./core/context.js";
import { secretHex } from "./core/ids.js";
import { resolveOptions, type EmulatorOptions, type ResolvedOptions } from "./core/options.js";
import { TimerSet } from "./core/timers.js";
import { FaultRegistry } from "./faults/fault-registry.js";
import { createPlugin } from "./http/plugin.js";
import { StatusPipeline } from "./messages/status-pipeline.js";
import type { EmulatorState } from "./state/emulator-state.js";
import { seedState } from "./state/seed.js";
import { readStateFile, restoreState, snapshotState, stateSaver } from "./state/state-file.js";
import { WebhookSender } from "./webhooks/webhook-sender.js";
import type { WebhookLog } from "./webhooks/webhook-log.js";

export interface Emulator {
  /** Register on any Fastify app, with or without a prefix (sandbox mode uses `/_meta`). */
  readonly plugin: FastifyPluginAsync;
  /** The live state; replaced by `reset()`, so read it through this getter each time. */
  readonly state: EmulatorState;
  readonly options: ResolvedOptions;
  readonly clock: EmulatorClock;
  readonly appId: string;
  readonly appSecret: string;
  /** Every webhook POST made and the receiver's answers. */
  readonly webhookLog: WebhookLog;
  setWebhookUrl(url: string | undefined): void;
  /** Back to the seeded world: data, tokens, limits, faults, pending webhooks. The clock keeps its offset. */
  reset(): void;
  /** Resolves when no webhook is queued or in flight (scheduled re-sends do not count). */
  webhooksIdle(): Promise<void>;
  /** Stops status timers, template auto-approval and webhook re-sends; saves the state file if any. */
  close(): Promise<void>;
}

export function createEmulator(input: EmulatorOptions = {}): Emulator {
  const options = resolveOptions(input, secretHex(16));
  const clock = createClock(input.now);
  const timers = new TimerSet();
  const ctx: EmulatorContext = {
    options,
    clock,
    state: seedState(options, clock.now()),
    webhookUrl: options.webhookUrl,
    mountPrefix: "",
    timers,
    faults: new FaultRegistry(),
    webhooks: new WebhookSender({
      clock,
      appSecret: () => ctx.state.app.secret,
      batchWindowMs: options.webhookBatchWindowMs,
      maxBatch: options.webhookMaxBatch,
      retry: options.webhookRetry,
      timeoutMs: options.webhookTimeoutMs,
    }),
    statuses: new StatusPipeline(() => ctx, options.statusDelaysMs),
    changed: () => saver?.changed(),
  };
  const saver = options.stateFile ? stateSaver(options.stateFile, () => snapshotState(ctx.state, clock.now())) : null;
  const saved = options.stateFile ? readStateFile(options.stateFile) : null;
  if (saved) restoreState(ctx.state, saved);

  const reset = () => {
    timers.clear();
    ctx.statuses.clear();
    ctx.webhooks.reset();
    ctx.faults.clear();
    ctx.state = seedState(options, clock.now());
    ctx.changed();
  };

  return {
    plugin: createPlugin(ctx, reset),
    get state() {
      return ctx.state;
    },
    options,
    clock,
    appId: options.appId,
    appSecret: options.appSecret,
    webhookLog: ctx.webhooks.log,
    setWebhookUrl(url) {
      ctx.webhookUrl = url;
    },
    reset,
    webhooksIdle: () => ctx.webhooks.whenIdle(),
    async close() {
      timers.close();
      ctx.statuses.close();
      ctx.webhooks.close();
      saver?.flush();
    },
  };
}
