import type { LoopObserver } from "../../platform/queue/index.js";
import type { Logger } from "pino";
import type { AnyDb, DialectName } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import type { Vault } from "../../platform/crypto/index.js";
import type { EventBus } from "../../platform/events.js";
import { defineJob } from "../../platform/jobs/index.js";
import type { WharfModule } from "../../platform/module.js";
import type { Metrics } from "../../platform/observability/index.js";
import { z } from "zod";
import { deliveryLeases, purgeDeliveries } from "./deliveries.repo.js";
import { createDeliveryWorker, targetPolicyOf, type DeliveryWorkerOptions } from "./delivery-worker.js";
import { createTargetGuard } from "./target-guard.js";
import { deliveryWake } from "./delivery-wake.js";
import { endpointsSink } from "./record-event.js";
import { eventsOutRoutes } from "./events-out.routes.js";

export { eventsOutMigrations } from "./events-out.migrations.js";
export { recordOutboundEvent } from "./record-event.js";
export { verifyDeliverySignature, signDelivery, SIGNATURE_HEADER } from "./delivery-signature.js";

/** How long the delivery log keeps settled deliveries. */
export const DELIVERY_LOG_RETENTION_MS = 30 * 24 * 3_600_000;

/** Events out: the workspace's own endpoints, signed deliveries retried for a day, and their log. */
export function eventsOutModule(deps: {
  db: AnyDb;
  dialect: DialectName;
  vault: Vault;
  clock: Clock;
  events: EventBus;
  logger?: Logger;
  metrics?: LoopObserver["metrics"] & Partial<Pick<Metrics, "eventsOutDelivery">>;
  delivery: DeliveryWorkerOptions;
}): WharfModule {
  const worker = createDeliveryWorker(deps, deps.delivery);
  const targets = createTargetGuard(targetPolicyOf(deps.delivery), deps.delivery.resolve);
  // Every module records its events through the bus; what the endpoints are owed is written here.
  deps.events.addSink(endpointsSink);
  const wake = deliveryWake({
    db: deps.db,
    now: () => deps.clock.now(),
    onError: (err) => deps.logger?.warn({ err }, "could not read which workspaces have webhook endpoints"),
  });
  let unsubscribe: (() => void) | null = null;
  return {
    name: "events-out",
    routes: (app) => eventsOutRoutes(app, { ...deps, targets, onEndpointCreated: () => wake.changed() }),
    jobs: [
      defineJob({
        name: "webhook-endpoints.purge-log",
        payload: z.object({}),
        everyMs: 6 * 3_600_000,
        handler: async () => void (await purgeDeliveries(deps.db, deps.clock.now() - DELIVERY_LOG_RETENTION_MS)),
      }),
    ],
    probes: { queues: { events_out: (now) => deliveryLeases(deps.dialect).stats(deps.db, now) } },
    workers: [
      {
        start() {
          // Events are recorded in the transactions that produce them; the bus only says "look now",
          // for this process's commits and (live log on PostgreSQL) every other process's; only a
          // workspace with an endpoint can owe a delivery (delivery-wake.ts).
          unsubscribe = deps.events.onCommitted((workspaceId) => wake.committed(workspaceId, () => worker.poke()));
          worker.start();
        },
        async stop() {
          unsubscribe?.();
          await worker.stop();
        },
      },
    ],
  };
}
