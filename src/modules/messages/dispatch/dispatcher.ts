import { hostname } from "node:os";
import type { Logger } from "pino";
import type { DialectName } from "../../../platform/db/index.js";
import { randomToken } from "../../../platform/crypto/index.js";
import type { JobQueue } from "../../../platform/jobs/index.js";
import { pollLoop, reportLoopError, type LoopObserver } from "../../../platform/queue/index.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";
import { getSendingPhoneNumber, channelForWorkspace, type WorkspaceChannelDeps } from "../../connection/index.js";
import {
  acquireNumberLease,
  assignmentView,
  purgeDeadWorkers,
  releaseNumberLeases,
  renewNumberLeases,
  savePairRates,
  takePairRates,
} from "../number-leases.repo.js";
import { inflightRecipients, markInDoubt, numbersWithDueWork } from "../outbox.repo.js";
import { planAssignment } from "./number-assignment.js";
import { newNumberRates, pumpNumber, type NumberLease, type NumberRates, type PumpDeps } from "./number-pump.js";
import type { CampaignSettlement } from "../campaign-settlement.js";
import { settleUnknownSends, UNKNOWN_SEND_WINDOW_MS } from "../settle-unknown-sends.js";

export interface DispatcherOptions {
  pollMs: number;
  /**
   * How long a number's lease lasts without renewal (default 5 s, renewed every 30% of it): how long
   * a dead worker's numbers stay idle before another takes them.
   */
  leaseMs?: number;
  maxBatch: number;
  /** How long a send without Meta's answer waits for a status before it is failed (default 15 min). */
  unknownSendWindowMs?: number;
  /** A number with no work for this long is let go, so it stops counting in the shares (default 10 s). */
  idleHoldMs?: number;
  /**
   * How long rows a dead process left in flight wait, in doubt, for Meta's status webhook before
   * they are sent again (default 60 s, `WHARF_SEND_DOUBT_GRACE_MS`; see `markInDoubt`).
   */
  doubtGraceMs?: number;
}

export const DOUBT_GRACE_MS = 60_000;

export interface Dispatcher {
  start(): void;
  /**
   * Graceful stop (SIGTERM): takes no new batch, lets the batches in flight finish and record
   * their outcomes, then releases every number lease (another worker may take them one second
   * later, when Meta no longer counts this worker's sends) and the heartbeat. The pair rate state
   * another owner needs was written with each batch's outcomes.
   */
  stop(): Promise<void>;
}

/** How long a lost or lapsing lease leaves before its end: no send starts in the last stretch. */
const guardMs = (leaseMs: number) => Math.min(1_000, leaseMs / 5);
/**
 * Meta's throughput is per second: a number whose lease ended (released, or lapsed with its owner)
 * waits this long for its next owner, which then starts from an empty window.
 */
const QUIET_MS = 1_000;

/**
 * The outbound dispatcher of a worker process. Every number has one owner across processes (a
 * lease in `dispatch_leases`) that runs its pump, so the number's throughput window lives in one
 * place. A dispatcher takes at most its share of the numbers in play, ceil(numbers / live
 * dispatchers), from its heartbeat and everyone's leases; over its share (another worker started)
 * it gives numbers up after their current batch. Leases are short and renewed together every 30%
 * of their length: a worker killed with `kill -9` loses its numbers within one lease (5 s). What it
 * left in flight is not sent again at once: the next owner puts those rows in doubt for a grace
 * period (`markInDoubt`), during which Meta's status webhooks, echoing each message's id, settle
 * the ones Meta accepted; only the rest are sent again.
 * A pump starts no send unless its lease is valid by this process's clock with time to spare, so a
 * stalled worker that lost its lease never sends after another took over.
 * Rate state survives an owner change: the throughput window by the quiet second between two
 * owners' leases, the pair rate by what each batch hands over in the database (`PairRate`), which
 * a new owner reads when it takes the lease, with the customers of rows left in flight charged.
 */
export function createDispatcher(
  deps: WorkspaceChannelDeps &
    LoopObserver & {
      logger?: Pick<Logger, "error" | "warn">;
      dialect: DialectName;
      jobs: JobQueue;
      random?: () => number;
      campaigns?: CampaignSettlement | undefined;
    },
  options: DispatcherOptions,
): Dispatcher {
  const owner = `${hostname()}:${process.pid}:${randomToken(5)}`;
  const leaseMs = options.leaseMs ?? 5_000;
  const renewEveryMs = Math.max(50, Math.floor(leaseMs * 0.3));
  const idleHoldMs = options.idleHoldMs ?? 10_000;
  const pumps = new Map<string, Promise<void>>();
  const rates = new Map<string, NumberRates>();
  /** Numbers held: until when the lease is ours (by this clock), and when it last had work. */
  const held = new Map<string, { until: number; workAt: number }>();
  const releasing = new Set<string>();
  let view = { liveWorkers: 1, leased: new Map<string, string>() };
  let nextRenewAt = 0;
  /** Sends held as `unknown` past their window are failed (never re-sent) every 30 s. */
  let nextUnknownSweepAt = 0;
  /**
   * Renewals since start: numbers are taken from the second on, so workers started together see
   * each other's heartbeat first instead of the first one taking every number.
   */
  let renewals = 0;
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
      // A paused number (Meta's health says it cannot send, or its deletion is scheduled) refuses
      // here: its rows wait in the outbox without spending attempts, none fails.
      const phone = await getSendingPhoneNumber(deps, workspaceId, phoneNumberId);
      const graph = await channelForWorkspace(deps, workspaceId);
      const value = { graph, metaPhoneNumberId: phone.meta_phone_number_id, throughputMps: phone.throughput_mps };
      senders.set(phoneNumberId, { at: deps.clock.now(), value });
      return value;
    },
  };

  const leaseOf = (phoneNumberId: string): NumberLease => ({
    valid: (now) => (held.get(phoneNumberId)?.until ?? 0) - guardMs(leaseMs) > now,
    wanted: () => running && held.has(phoneNumberId) && !releasing.has(phoneNumberId),
  });

  /** All held leases and the heartbeat in two statements; a number someone else took is dropped. */
  async function renew(now: number): Promise<void> {
    nextRenewAt = now + renewEveryMs;
    const idle = [...held].filter(([n, h]) => !pumps.has(n) && now - h.workAt > idleHoldMs).map(([n]) => n);
    if (idle.length > 0) await letGo(idle);
    const kept = await renewNumberLeases(deps.db, owner, [...held.keys()], now + leaseMs);
    for (const [n, h] of held) {
      if (kept.has(n)) h.until = now + leaseMs;
      else held.delete(n);
    }
    view = await assignmentView(deps.db, now);
    renewals += 1;
  }

  async function letGo(numbers: string[]): Promise<void> {
    for (const n of numbers) held.delete(n);
    await releaseNumberLeases(deps.db, owner, deps.clock.now(), numbers);
  }

  /**
   * A number just taken from another owner (or from this process's own past): the pair rate state
   * that owner handed over, and its rows still in flight counted as sent. Rows in flight are read
   * first: a late owner's outcomes either landed before (their hand-over is read next) or the
   * rows are still in flight.
   */
  async function takeOver(phoneNumberId: string): Promise<void> {
    const maybeSent = await inflightRecipients(deps.db, phoneNumberId);
    const now = deps.clock.now();
    const handed = await takePairRates(deps.db, phoneNumberId, now);
    if (!rates.has(phoneNumberId)) rates.set(phoneNumberId, newNumberRates());
    const charged = rates.get(phoneNumberId)!.pair.takeOver(now, handed, maybeSent);
    // Should this process die too before its first batch is recorded, the next owner knows them.
    if (charged.length > 0) await savePairRates(deps.db, phoneNumberId, charged);
  }

  function startPump(phoneNumberId: string): void {
    if (!rates.has(phoneNumberId)) rates.set(phoneNumberId, newNumberRates());
    const pump = pumpNumber(
      pumpDeps,
      { owner, leaseMs, maxBatch: options.maxBatch },
      phoneNumberId,
      rates.get(phoneNumberId)!,
      leaseOf(phoneNumberId),
    )
      // The lease lapses and the rows are retried, so nothing is lost; but an operator must see it.
      .catch((err: unknown) => reportLoopError(deps, "dispatcher", err))
      .finally(async () => {
        senders.delete(phoneNumberId);
        pumps.delete(phoneNumberId);
        if (releasing.delete(phoneNumberId) && running)
          await letGo([phoneNumberId]).catch((err: unknown) => reportLoopError(deps, "dispatcher", err));
        loop.poke();
      });
    pumps.set(phoneNumberId, pump);
  }

  async function tick(): Promise<boolean> {
    let now = deps.clock.now();
    if (now >= nextRenewAt) await renew(now);
    if (now >= nextUnknownSweepAt) {
      nextUnknownSweepAt = now + 30_000;
      await settleUnknownSends(deps, options.unknownSendWindowMs ?? UNKNOWN_SEND_WINDOW_MS);
    }
    const work = await numbersWithDueWork(deps.db, now);
    const due = work.map((w) => w.phoneNumberId);
    for (const n of due) {
      const h = held.get(n);
      if (h) h.workAt = now;
    }
    const plan = planAssignment({
      held: new Set(held.keys()),
      busy: new Set(pumps.keys()),
      due,
      leased: view.leased,
      liveWorkers: view.liveWorkers,
      owner,
    });
    const idleRelease: string[] = [];
    for (const n of plan.release) {
      // A running pump finishes its batch first; its number is let go when it returns.
      if (pumps.has(n)) releasing.add(n);
      else idleRelease.push(n);
    }
    if (idleRelease.length > 0) await letGo(idleRelease);
    for (const n of renewals >= 2 ? plan.take : []) {
      now = deps.clock.now();
      if (!(await acquireNumberLease(deps.db, n, owner, now, leaseMs, QUIET_MS))) continue;
      try {
        await takeOver(n);
      } catch (err) {
        // Without the hand-over the pump must not run: the lease goes back, the tick reports it.
        await letGo([n]);
        throw err;
      }
      held.set(n, { until: now + leaseMs, workAt: now });
    }
    now = deps.clock.now();
    // Rows left in flight on a number this process holds and sends none of: a dead owner's (taken
    // over above, its customers already charged by `takeOver`), or a pump of ours that failed.
    const graceMs = options.doubtGraceMs ?? DOUBT_GRACE_MS;
    for (const { phoneNumberId: n, stranded } of work) {
      if (!stranded || !held.has(n) || pumps.has(n) || !leaseOf(n).valid(now)) continue;
      const inDoubt = await markInDoubt(deps.db, n, now, graceMs);
      if (inDoubt > 0)
        deps.logger?.warn(
          { phoneNumberId: n, inDoubt, graceMs },
          "sends left in flight by a stopped dispatcher are in doubt: waiting for Meta's statuses before sending any again",
        );
    }
    now = deps.clock.now();
    for (const n of due) if (held.has(n) && !pumps.has(n) && !releasing.has(n) && leaseOf(n).valid(now)) startPump(n);
    // Each pump runs until its number's queue is empty: the loop looks for numbers and keeps the leases.
    return false;
  }

  // Renewal rides on the loop: it must run at least every renewEveryMs, even with no poke.
  const loop = pollLoop(tick, { name: "dispatcher", pollMs: Math.min(options.pollMs, renewEveryMs) }, deps);

  return {
    start() {
      if (running) return;
      running = true;
      unsubscribe = deps.jobs.onOutboxPoke(() => loop.poke());
      renewals = 0;
      // A heartbeat that stopped a minute ago belongs to a dispatcher that is not coming back.
      void purgeDeadWorkers(deps.db, deps.clock.now() - 60_000).catch((err: unknown) =>
        reportLoopError(deps, "dispatcher", err),
      );
      loop.start();
    },
    async stop() {
      running = false;
      unsubscribe?.();
      await loop.stop();
      await Promise.all(pumps.values());
      held.clear();
      releasing.clear();
      await releaseNumberLeases(deps.db, owner, deps.clock.now()).catch((err: unknown) =>
        reportLoopError(deps, "dispatcher", err),
      );
    },
  };
}
