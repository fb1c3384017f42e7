import type { AnyDb, DialectName } from "../../../platform/db/index.js";
import type { Clock } from "../../../platform/clock.js";
import type { EventBus } from "../../../platform/events.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";
import type { BoundGraph } from "../../connection/index.js";
import { acquireNumberLease, claimOutbox, type OutboxRow } from "../outbox.repo.js";
import { findMessageContents } from "./message-contents.js";
import { classifySendError } from "./classify-send-error.js";
import { PairRate, SendWindow } from "./rate-limits.js";
import type { CampaignSettlement } from "../campaign-settlement.js";
import { recordOutcomes, type Outcome } from "./record-outcomes.js";

export interface PumpDeps {
  db: AnyDb;
  dialect: DialectName;
  clock: Clock;
  events: EventBus;
  random: () => number;
  /** Completes a campaign when its last messages leave the outbox (see record-outcomes). */
  campaigns?: CampaignSettlement | undefined;
  /** The number's workspace-bound Graph client and Meta id, or why it cannot send now. */
  senderFor(
    workspaceId: WorkspaceId,
    phoneNumberId: string,
  ): Promise<{ graph: BoundGraph; metaPhoneNumberId: string; throughputMps: number }>;
}

export interface PumpOptions {
  owner: string;
  leaseMs: number;
  maxBatch: number;
}

/**
 * Sends one phone number's queue while this process holds the number's lease: at the number's
 * throughput, spacing messages to one customer by the pair rate, in batches whose outcomes are
 * written together. Returns when the queue is empty, the lease is lost, or `stopping()` says so.
 */
export interface NumberRates {
  window: SendWindow;
  pair: PairRate;
}

/** Kept per number for the life of the process: a pump that restarts must not forget recent sends. */
export const newNumberRates = (): NumberRates => ({ window: new SendWindow(80), pair: new PairRate() });

export async function pumpNumber(
  deps: PumpDeps,
  options: PumpOptions,
  phoneNumberId: string,
  rates: NumberRates,
  stopping: () => boolean,
): Promise<void> {
  const { window, pair } = rates;
  let leaseRenewedAt = deps.clock.now();
  while (!stopping()) {
    const now = deps.clock.now();
    if (now - leaseRenewedAt > options.leaseMs / 3) {
      if (!(await acquireNumberLease(deps.db, phoneNumberId, options.owner, now, options.leaseMs))) return;
      leaseRenewedAt = now;
    }
    const capacity = Math.min(options.maxBatch, window.available(now));
    if (capacity === 0) {
      await sleep(Math.max(1, window.nextAt(now) - now));
      continue;
    }
    const rows = await claimOutbox(deps.db, deps.dialect, phoneNumberId, options.owner, now, options.leaseMs, capacity);
    if (rows.length === 0) return;
    const pause = await sendBatch(deps, options, phoneNumberId, rows, window, pair);
    if (pause > 0) await sleep(pause);
  }
}

async function sendBatch(
  deps: PumpDeps,
  options: PumpOptions,
  phoneNumberId: string,
  rows: OutboxRow[],
  window: SendWindow,
  pair: PairRate,
): Promise<number> {
  const now = deps.clock.now();
  const outcomes: Outcome[] = [];
  let pauseMs = 0;
  let sender: Awaited<ReturnType<PumpDeps["senderFor"]>>;
  try {
    sender = await deps.senderFor(rows[0]!.workspace_id as WorkspaceId, phoneNumberId);
  } catch (err) {
    for (const row of rows) {
      const f = classifySendError(err, row, now, deps.random);
      outcomes.push(f.outcome);
      pauseMs = Math.max(pauseMs, f.pauseNumberMs);
    }
    await recordOutcomes(deps, options.owner, outcomes);
    return pauseMs;
  }
  window.resize(sender.throughputMps);
  const contents = await findMessageContents(
    deps.db,
    rows.map((r) => r.message_id),
  );
  const sends: Promise<void>[] = [];
  let free = window.available(now);
  for (const row of rows) {
    const allowedAt = pair.allowedAt(row.wa_id, now);
    const body = contents.get(row.message_id);
    if (allowedAt > now || !body) {
      outcomes.push({
        kind: "retry",
        row,
        runAt: Math.max(allowedAt, now + 1),
        error: body ? "pair rate: spacing messages to one customer" : "message content missing",
        refund: true,
      });
      continue;
    }
    if (free-- <= 0) {
      outcomes.push({ kind: "retry", row, runAt: now + 1, error: "throughput: waiting for a slot", refund: true });
      continue;
    }
    pair.take(row.wa_id, now);
    const release = window.take(deps.clock.now());
    sends.push(
      sender.graph.messages
        .send(sender.metaPhoneNumberId, body)
        .finally(() => release(deps.clock.now()))
        .then(
          (res) => {
            const wamid = res.data.messages[0]?.id;
            outcomes.push(
              wamid
                ? { kind: "accepted", row, wamid }
                : { kind: "retry", row, runAt: now + 1000, error: "Meta answered without a message id", refund: false },
            );
          },
          (err) => {
            const f = classifySendError(err, row, deps.clock.now(), deps.random);
            outcomes.push(f.outcome);
            pauseMs = Math.max(pauseMs, f.pauseNumberMs);
          },
        ),
    );
  }
  await Promise.all(sends);
  await recordOutcomes(deps, options.owner, outcomes);
  return pauseMs;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
