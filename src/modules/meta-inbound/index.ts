import type { LoopObserver } from "../../platform/queue/index.js";
import type { Logger } from "pino";
import { z } from "zod";
import type { DialectName, Signals } from "../../platform/db/index.js";
import type { EventBus } from "../../platform/events.js";
import { defineJob, type JobQueue } from "../../platform/jobs/index.js";
import type { WharfModule } from "../../platform/module.js";
import type { Metrics } from "../../platform/observability/index.js";
import type { MetaApp, WorkspaceChannelDeps } from "../connection/index.js";
import { accountJobs } from "./account-jobs.js";
import {
  createEventProcessor,
  DEFAULT_MAX_ATTEMPTS,
  type EventProcessor,
  type ProcessorOptions,
} from "./event-processor.js";
import { webhookReceiver, type WebhookReceiver } from "./receive-webhook.js";
import { purgeDoneEvents, purgeFlags, webhookEventLeases } from "./webhook-events.repo.js";
import { mountWebhookFastPath } from "./webhook-fast-path.js";
import { metaInboundRoutes } from "./meta-inbound.routes.js";

export { metaInboundMigrations } from "./meta-inbound.migrations.js";
export type { EventProcessor, WebhookReceiver };
export { D360_SECRET_HEADER, issueD360WebhookSecret } from "./receive-d360-webhook.js";

/** The signal topic of "webhook events were stored". */
const WEBHOOKS_STORED_TOPIC = "webhooks";

/** Meta re-delivers for up to 7 days (docs disagree: 36 h or 7 days); processed events are kept that long. */
export const RETENTION_MS = 7 * 24 * 3_600_000;
/** Flags (and failed or unreadable events, which are never purged automatically) are for the operator to look at. */
export const FLAG_RETENTION_MS = 30 * 24 * 3_600_000;

export type MetaInboundDeps = WorkspaceChannelDeps & {
  dialect: DialectName;
  jobs: JobQueue;
  meta: Pick<MetaApp, "appSecret" | "verifyToken">;
  events: EventBus;
  logger?: Logger;
  metrics?: LoopObserver["metrics"] & Partial<Pick<Metrics, "httpRequest">>;
  processing: ProcessorOptions;
  /** Wakes the processors of every worker process when a serve stores events (PostgreSQL). */
  signals?: Signals;
  /**
   * Group commit tuning (the defaults, flush on the next event-loop turn and up to 500 a batch, suit
   * both dialects), and whether `POST /webhooks/meta` is served ahead of Fastify (default: yes).
   */
  ingest?: { waitMs?: number; maxBatch?: number; fastPath?: boolean };
};

export interface MetaInboundModule extends WharfModule {
  receiver: WebhookReceiver;
  processor: EventProcessor;
}

/** Meta's webhooks in: verify, store durably (group commit), answer 200, then process in the worker role. */
export function metaInboundModule(deps: MetaInboundDeps): MetaInboundModule {
  const jobs = accountJobs(deps);
  const signals = deps.signals;
  const processor = createEventProcessor(
    { ...deps, accountJobs: jobs },
    signals ? { ...deps.processing, wake: (poke) => signals.on(WEBHOOKS_STORED_TOPIC, poke) } : deps.processing,
  );
  // This process's processor learns how much was stored (a full batch starts it at once); other
  // processes' processors are woken by the signal.
  const receiver = webhookReceiver(
    {
      ...deps,
      onStored: (count) => {
        processor.stored(count);
        signals?.send(WEBHOOKS_STORED_TOPIC);
      },
    },
    deps.ingest,
  );
  const purge = defineJob({
    name: "webhooks.purge",
    payload: z.object({}),
    everyMs: 6 * 3_600_000,
    async handler() {
      await purgeDoneEvents(deps.db, deps.clock.now() - RETENTION_MS);
      await purgeFlags(deps.db, deps.clock.now() - FLAG_RETENTION_MS);
    },
  });
  return {
    name: "meta-inbound",
    receiver,
    processor,
    routes(app) {
      metaInboundRoutes(app, receiver, deps.db, deps.vault);
      if (deps.ingest?.fastPath !== false) mountWebhookFastPath(app, receiver, deps.metrics);
    },
    jobs: [jobs.templateStatus, jobs.templateDetails, jobs.numberHealth, purge],
    workers: [processor],
    probes: {
      queues: {
        webhook_events: (now) =>
          webhookEventLeases(deps.dialect, deps.processing.maxAttempts ?? DEFAULT_MAX_ATTEMPTS).stats(deps.db, now),
      },
    },
    stop: () => receiver.drain(),
  };
}
