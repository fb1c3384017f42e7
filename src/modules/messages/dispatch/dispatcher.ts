import { hostname } from "node:os";
import type { DialectName } from "../../../platform/db/index.js";
import { randomToken } from "../../../platform/crypto/index.js";
import type { JobQueue } from "../../../platform/jobs/index.js";
import { pollLoop, reportLoopError, type LoopObserver } from "../../../platform/queue/index.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";
import { getActivePhoneNumber, graphForWorkspace, type WorkspaceGraphDeps } from "../../connection/index.js";
import { acquireNumberLease, numbersWithDueWork, releaseNumberLeases } from "../outbox.repo.js";
import type { CampaignSettlement } from "../campaign-settlement.js";
import { newNumberRates, pumpNumber, type NumberRates, type PumpDeps } from "./number-pump.js";

export interface DispatcherOptions {
  pollMs: number;
  leaseMs: number;
  maxBatch: number;
}

export interface Dispatcher {
  start(): void;
  stop(): Promise<void>;
}

/**
 * The outbound dispatcher of a worker process. It looks for phone numbers with due messages,
 * takes each number's lease (one owner across all processes), and runs one pump per owned number.
 * A process that dies holding a lease simply stops renewing it; another takes over after it expires
 * and re-sends what was in flight, so duplicates are bounded by one batch per number.
 */
export function createDispatcher(
  deps: WorkspaceGraphDeps &
    LoopObserver & {
      dialect: DialectName;
      jobs: JobQueue;
      random?: () => number;
      campaigns?: CampaignSettlement | undefined;
    },
  options: DispatcherOptions,
): Dispatcher {
  const owner = `${hostname()}:${process.pid}:${randomToken(5)}`;
  const pumps = new Map<string, Promise<void>>();
  const rates = new Map<string, NumberRates>();
  let running = false;
  let unsubscribe: (() => void) | null = null;
  const senders = new Map<string, { at: number; value: Awaited<ReturnType<PumpDeps["senderFor"]>> }>();

  const pumpDeps: PumpDeps = {
    db: deps.db,
    dialect: deps.dialect,
    clock: deps.clock,
    events: deps.events,
    random: deps.random ?? Math.random,
    campaigns: deps.campaigns,
    // Cached for a second: a batch every few milliseconds should not re-read the token each time,
    // and a second is how long a reconnect or deactivation takes to be noticed.
    async senderFor(workspaceId: WorkspaceId, phoneNumberId: string) {
      const hit = senders.get(phoneNumberId);
      if (hit && deps.clock.now() - hit.at < 1000) return hit.value;
      const phone = await getActivePhoneNumber(deps, workspaceId, phoneNumberId);
      const graph = await graphForWorkspace(deps, workspaceId);
      const value = { graph, metaPhoneNumberId: phone.meta_phone_number_id, throughputMps: phone.throughput_mps };
      senders.set(phoneNumberId, { at: deps.clock.now(), value });
      return value;
    },
  };

  async function tick(): Promise<boolean> {
    const now = deps.clock.now();
    for (const phoneNumberId of await numbersWithDueWork(deps.db, now)) {
      if (pumps.has(phoneNumberId)) continue;
      if (!(await acquireNumberLease(deps.db, phoneNumberId, owner, now, options.leaseMs))) continue;
      if (!rates.has(phoneNumberId)) rates.set(phoneNumberId, newNumberRates());
      const pump = pumpNumber(
        pumpDeps,
        { owner, leaseMs: options.leaseMs, maxBatch: options.maxBatch },
        phoneNumberId,
        rates.get(phoneNumberId)!,
        () => !running,
      )
        // The lease lapses and the rows are retried, so nothing is lost; but an operator must see it.
        .catch((err: unknown) => reportLoopError(deps, "dispatcher", err))
        .finally(() => {
          senders.delete(phoneNumberId);
          pumps.delete(phoneNumberId);
          loop.poke();
        });
      pumps.set(phoneNumberId, pump);
    }
    // Each pump runs until its number's queue is empty: the loop only looks for new numbers.
    return false;
  }

  const loop = pollLoop(tick, { name: "dispatcher", pollMs: options.pollMs }, deps);

  return {
    start() {
      if (running) return;
      running = true;
      unsubscribe = deps.jobs.onPoke(() => loop.poke());
      loop.start();
    },
    async stop() {
      running = false;
      unsubscribe?.();
      await loop.stop();
      await Promise.all(pumps.values());
      await releaseNumberLeases(deps.db, owner).catch((err: unknown) => reportLoopError(deps, "dispatcher", err));
    },
  };
}
