import type { ChannelRegistry } from "../../channels/index.js";
import type { Clock } from "../../platform/clock.js";
import type { Vault } from "../../platform/crypto/index.js";
import type { AnyDb } from "../../platform/db/index.js";
import type { EventBus } from "../../platform/events.js";
import type { JobDefinition, JobQueue } from "../../platform/jobs/index.js";

export interface CatalogSyncSettings {
  /** Requests per `items_batch` call: Meta takes at most 5,000. */
  batchSize: number;
  /** Between two `check_batch_request_status` polls of a batch in flight. */
  pollMs: number;
  /** How long a batch may stay unfinished before the sync lets it be (it is polled again next time). */
  maxWaitMs: number;
  /** The per-catalog lease: a dead owner's catalog is taken over after this long. */
  leaseMs: number;
  /** A change waits this long for more before the sync runs (debounce). */
  debounceMs: number;
  /** The scheduled sync's period. */
  intervalMs: number;
}

export const DEFAULT_SYNC_SETTINGS: CatalogSyncSettings = {
  batchSize: 5000,
  pollMs: 2_000,
  maxWaitMs: 10 * 60_000,
  leaseMs: 60_000,
  debounceMs: 2_000,
  intervalMs: 15 * 60_000,
};

export interface CatalogDeps {
  db: AnyDb;
  vault: Vault;
  clock: Clock;
  events: EventBus;
  channels: ChannelRegistry;
  jobs: JobQueue;
  sync: CatalogSyncSettings;
  /** The per-workspace sync job (`catalog.sync`), for enqueueing it; built with these deps. */
  syncJob: JobDefinition;
}
