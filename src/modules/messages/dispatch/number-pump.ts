import type { AnyDb, DialectName } from "../../../platform/db/index.js";
import type { Clock } from "../../../platform/clock.js";
import type { EventBus } from "../../../platform/events.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";
import type { ChannelSession } from "../../../channels/index.js";
import { claimOutbox, type OutboxRow } from "../outbox.repo.js";
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
  ): Promise<{ graph: ChannelSession; metaPhoneNumberId: string; throughputMps: number }>;
}

export interface PumpOptions {
  owner: string;
  leaseMs: number;
  maxBatch: number;
}

/** A number's rate state. */
export interface NumberRates {
  window: SendWindow;
  pair: PairRate;
}

/**
 * Kept per number for the life of the process: a pump that restarts must not forget recent sends.
 * When the number comes from another owner, the pair rate state takes over what that owner handed
 * on (`PairRate.takeOver`); the throughput window needs nothing, as the lease is taken only a full
 * span after the last owner's ended (`acquireNumberLease`).
 */
export const newNumberRates = (): NumberRates => ({ window: new SendWindow(80), pair: new PairRate() });

/** The number's lease as the dispatcher holds and renews it. */
export interface NumberLease {
  /** Whether a send may start now: the lease is ours, by this process's clock, with time to spare. */
  valid(now: number): boolean;
  /** False once the dispatcher gives the number up (its share shrank, or shutdown): return after the batch. */
  wanted(): boolean;
}

/**
 * Sends one phone number's queue while this process holds the number's lease: at the number's
 * throughput, spacing messages to one customer by the pair rate, in batches whose outcomes are
 * written together. Returns when the queue is empty, or the lease is no longer valid or wanted.
 */
export async function pumpNumber(
  deps: PumpDeps,
  options: PumpOptions,
  phoneNumberId: string,
  rates: NumberRates,
  lease: NumberLease,
): Promise<void> {
  const { window, pair } = rates;
  let paused = false;
  while (lease.wanted()) {
    const now = deps.clock.now();
    if (!lease.valid(now)) return;
    const capacity = Math.min(options.maxBatch, window.available(now));
    if (capacity === 0) {
      await sleep(Math.max(1, window.nextAt(now) - now));
      continue;
    }
    const rows = await claimOutbox(deps.db, deps.dialect, phoneNumberId, options.owner, now, options.leaseMs, capacity);
    if (rows.length === 0) return;
    const { pauseMs: pause, pausedByMeta } = await sendBatch(deps, options, phoneNumberId, rows, window, pair, lease);
    // Said once when Meta's rate limit pauses the number (not again for each batch while it lasts).
    if (pausedByMeta !== undefined && !paused)
      await reportPause(deps, rows[0]!.workspace_id as WorkspaceId, phoneNumberId, pausedByMeta, now + pause);
    paused = pausedByMeta !== undefined;
    // The rows carry the pause too (their next run time): a number being given up goes at once.
    if (pause > 0 && lease.wanted()) await sleep(pause);
  }
}

async function reportPause(
  deps: PumpDeps,
  workspaceId: WorkspaceId,
  phoneNumberId: string,
  metaCode: number,
  resumeAt: number,
): Promise<void> {
  await deps.events.transaction(deps.db, async (trx) => {
    await deps.events.recordEvent(trx, workspaceId, {
      type: "phone_number.sending_paused",
      at: deps.clock.now(),
      data: { id: phoneNumberId, metaCode, resumeAt: new Date(resumeAt).toISOString() },
    });
  });
}

async function sendBatch(
  deps: PumpDeps,
  options: PumpOptions,
  phoneNumberId: string,
  rows: OutboxRow[],
  window: SendWindow,
  pair: PairRate,
  lease: NumberLease,
): Promise<{ pauseMs: number; pausedByMeta?: number }> {
  const now = deps.clock.now();
  const outcomes: Outcome[] = [];
  let pauseMs = 0;
  let pausedByMeta: number | undefined;
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
    return { pauseMs };
  }
  window.resize(sender.throughputMps);
  const contents = await findMessageContents(
    deps.db,
    rows.map((r) => r.message_id),
  );
  // The fence on sending: the claim or the reads above may have outlasted the lease (a stalled
  // process), and another owner may be sending these rows by now. Put back (fenced by the rows'
  // own lease, so this changes nothing if they were taken), never sent.
  if (!lease.valid(deps.clock.now())) {
    const error = "the number's lease lapsed before sending";
    await recordOutcomes(
      deps,
      options.owner,
      rows.map((row) => ({ kind: "retry", row, runAt: now, error, refund: true })),
    );
    return { pauseMs: 0 };
  }
  const sends: Promise<void>[] = [];
  const sentTo: string[] = [];
  let free = window.available(now);
  for (const row of rows) {
    if (contents.settled.has(row.message_id)) {
      outcomes.push({ kind: "settled", row });
      continue;
    }
    const allowedAt = pair.allowedAt(row.wa_id, now);
    const body = contents.bodies.get(row.message_id);
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
    sentTo.push(row.wa_id);
    const release = window.take(deps.clock.now());
    sends.push(
      sender.graph.messages
        .send(sender.metaPhoneNumberId, body)
        .finally(() => release(deps.clock.now()))
        .then(
          (res) => {
            const wamid = res.messages[0]?.id;
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
            if (f.pausedByMeta !== undefined) pausedByMeta = f.pausedByMeta;
          },
        ),
    );
  }
  await Promise.all(sends);
  // Customers sent to far ahead are handed over with the outcomes (usually none: a campaign's one
  // message per customer is not), so the next owner of the number knows them (`PairRate`).
  const pairs = pair.handover(sentTo, deps.clock.now());
  await recordOutcomes(deps, options.owner, outcomes, pairs.length > 0 ? { phoneNumberId, pairs } : undefined);
  return pausedByMeta === undefined ? { pauseMs } : { pauseMs, pausedByMeta };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
