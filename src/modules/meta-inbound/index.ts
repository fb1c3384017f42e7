import type { LoopObserver } from "../../platform/queue/index.js";
import type { Logger } from "pino";
import { z } from "zod";
import type { DialectName } from "../../platform/db/index.js";
import type { EventBus } from "../../platform/events.js";
import { defineJob, type JobQueue } from "../../platform/jobs/index.js";
import type { WharfModule } from "../../platform/module.js";
import type { MetaApp, WorkspaceGraphDeps } from "../connection/index.js";
import { accountJobs } from "./account-jobs.js";
import { createEventProcessor, type EventProcessor, type ProcessorOptions } from "./event-processor.js";
import { webhookReceiver, type WebhookReceiver } from "./receive-webhook.js";
import { purgeDoneEvents, purgeFlags } from "./webhook-events.repo.js";
import { mountWebhookFastPath } from "./webhook-fast-path.js";
import { metaInboundRoutes } from "./meta-inbound.routes.js";

export { metaInboundMigrations } from "./meta-inbound.migrations.js";
export type { EventProcessor } from "./event-processor.js";
export type { WebhookReceiver } from "./receive-webhook.js";

/** Meta re-delivers for up to 7 days (docs disagree: 36 h or 7 days); processed events are kept that long. */
export const RETENTION_MS = 7 * 24 * 3_600_000;
/** Flags (and failed or unreadable events, which are never purged automatically) are for the operator to look at. */
export const FLAG_RETENTION_MS = 30 * 24 * 3_600_000;

export type MetaInboundDeps = WorkspaceGraphDeps & {
  dialect: DialectName;
  jobs: JobQueue;
  meta: Pick<MetaApp, "appSecret" | "verifyToken">;
  events: EventBus;
  logger?: Logger;
  metrics?: LoopObserver["metrics"];
  processing: ProcessorOptions;
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
  const processor = createEventProcessor({ ...deps, accountJobs: jobs }, deps.processing);
  const receiver = webhookReceiver({ ...deps, onStored: (count) => processor.stored(count) }, deps.ingest);
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
      metaInboundRoutes(app, receiver, deps.db);
      if (deps.ingest?.fastPath !== false) mountWebhookFastPath(app, receiver);
    },
    jobs: [jobs.templateStatus, jobs.numberHealth, purge],
    workers: [processor],
    stop: () => receiver.drain(),
  };
}
