import { request } from "undici";
import type { EmulatorClock } from "../core/clock.js";
import { unixSeconds } from "../core/clock.js";
import { TimerSet } from "../core/timers.js";
import { hubSignature, metaJson } from "./meta-json.js";
import { WebhookLog, type DeliveryRecord } from "./webhook-log.js";

export interface QueuedChange {
  wabaId: string;
  field: string;
  value: unknown;
}

export interface WebhookSenderConfig {
  clock: EmulatorClock;
  appSecret: () => string;
  batchWindowMs: number;
  maxBatch: number;
  retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  timeoutMs: number;
}

/**
 * Posts `whatsapp_business_account` webhooks the way Meta does: changes that happen within a
 * short window share one POST (at most 1000 updates), the body is signed with the app secret
 * over the exact bytes sent, and a receiver that does not answer 200 gets the same bytes again
 * with a doubling delay, a bounded number of times.
 */
export class WebhookSender {
  readonly log = new WebhookLog();
  private readonly timers = new TimerSet();
  private readonly queues = new Map<string, QueuedChange[]>();
  private readonly inflight = new Set<AbortController>();
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly config: WebhookSenderConfig) {}

  enqueue(url: string, change: QueuedChange): void {
    let queue = this.queues.get(url);
    if (!queue) {
      queue = [];
      this.queues.set(url, queue);
      this.timers.schedule(this.config.batchWindowMs, () => this.flush(url));
    }
    queue.push(change);
    if (queue.length >= this.config.maxBatch) this.flush(url);
  }

  /** Resolves once nothing is queued or in flight (scheduled re-sends do not count). */
  whenIdle(): Promise<void> {
    if (this.queues.size === 0 && this.inflight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  reset(): void {
    this.stopEverything();
    this.log.clear();
  }

  close(): void {
    this.stopEverything();
    this.timers.close();
  }

  private stopEverything(): void {
    this.timers.clear();
    this.queues.clear();
    for (const controller of this.inflight) controller.abort();
    this.inflight.clear();
    for (const d of this.log.deliveries) if (d.state === "pending" || d.state === "retrying") d.state = "cancelled";
    this.notifyIdle();
  }

  private flush(url: string): void {
    const queue = this.queues.get(url);
    if (!queue) return;
    this.queues.delete(url);
    for (let i = 0; i < queue.length; i += this.config.maxBatch) {
      const changes = queue.slice(i, i + this.config.maxBatch);
      const body = buildPayload(changes, this.config.clock.now());
      const raw = metaJson(body);
      const signature = hubSignature(raw, this.config.appSecret());
      const record = this.log.add({ url, body, signature, changes: changes.length, state: "pending", attempts: [] });
      void this.attempt(record, raw);
    }
  }

  private async attempt(record: DeliveryRecord, raw: string): Promise<void> {
    const controller = new AbortController();
    this.inflight.add(controller);
    const timeout = setTimeout(() => controller.abort(), this.config.timeoutMs);
    const attempt: DeliveryRecord["attempts"][number] = { at: this.config.clock.now() };
    record.attempts.push(attempt);
    try {
      const res = await request(record.url, {
        method: "POST",
        body: raw,
        signal: controller.signal,
        headers: {
          "content-type": "application/json",
          "x-hub-signature-256": record.signature,
          "user-agent": "facebookexternalua",
        },
      });
      attempt.status = res.statusCode;
      await res.body.dump();
    } catch (error) {
      attempt.error = error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(timeout);
      this.inflight.delete(controller);
    }
    if (controller.signal.aborted && record.state === "cancelled") return this.notifyIdle();
    if (attempt.status === 200) record.state = "delivered";
    else if (record.attempts.length >= this.config.retry.maxAttempts) record.state = "failed";
    else {
      record.state = "retrying";
      const { baseDelayMs, maxDelayMs } = this.config.retry;
      const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (record.attempts.length - 1));
      this.timers.schedule(delay, () => void this.attempt(record, raw));
    }
    this.notifyIdle();
  }

  private notifyIdle(): void {
    if (this.queues.size !== 0 || this.inflight.size !== 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** One entry per WABA; `time` appears on entries of non-`messages` fields, as in Meta's samples. */
export function buildPayload(changes: QueuedChange[], now: number): unknown {
  const entries = new Map<string, { id: string; time?: number; changes: { value: unknown; field: string }[] }>();
  for (const change of changes) {
    const timed = change.field !== "messages";
    const key = `${change.wabaId}|${timed}`;
    let entry = entries.get(key);
    if (!entry) {
      entry = timed ? { id: change.wabaId, time: unixSeconds(now), changes: [] } : { id: change.wabaId, changes: [] };
      entries.set(key, entry);
    }
    entry.changes.push({ value: change.value, field: change.field });
  }
  return { object: "whatsapp_business_account", entry: [...entries.values()] };
}
