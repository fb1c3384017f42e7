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

/**
 * "Chaos": Meta does not promise order or once-only delivery (status webhook reference: statuses of
 * one message may arrive out of order; webhooks may be delivered more than once). Each change is
 * held a random 0..`reorderMs` before it joins a POST, and with probability `duplicateRate` it is
 * posted a second time after another random hold. `seed` makes the random choices repeatable.
 */
export interface ChaosSettings {
  reorderMs: number;
  duplicateRate: number;
  seed: number;
}

export interface ChaosStats {
  held: number;
  duplicated: number;
}

/** A small seeded PRNG (mulberry32), so a chaos run can be repeated. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
  /** Queue key → where a 360dialog queue goes and the headers its webhook configuration set. */
  private readonly profiles = new Map<string, { url: string; headers: Record<string, string> }>();
  private readonly inflight = new Set<AbortController>();
  private idleWaiters: (() => void)[] = [];
  private chaos: (ChaosSettings & { random: () => number; stats: ChaosStats }) | null = null;
  /** Changes held by chaos, not queued yet. */
  private held = 0;

  constructor(private readonly config: WebhookSenderConfig) {}

  /** Turns chaos on (or changes it), or off with `null`. */
  setChaos(settings: ChaosSettings | null): void {
    this.chaos = settings
      ? { ...settings, random: seededRandom(settings.seed), stats: { held: 0, duplicated: 0 } }
      : null;
  }

  chaosState(): (ChaosSettings & ChaosStats) | null {
    if (!this.chaos) return null;
    const { reorderMs, duplicateRate, seed, stats } = this.chaos;
    return { reorderMs, duplicateRate, seed, ...stats };
  }

  /**
   * `headers`: a 360dialog delivery (its webhook configuration's own headers, no Meta signature);
   * such changes are batched apart from Meta's even when both go to the same URL.
   */
  enqueue(url: string, change: QueuedChange, headers?: Record<string, string>): void {
    if (headers) return this.enqueueTo(`d360\u0000${url}`, url, change, headers);
    this.enqueueTo(url, url, change, undefined);
  }

  private enqueueTo(key: string, url: string, change: QueuedChange, headers: Record<string, string> | undefined): void {
    if (headers) this.profiles.set(key, { url, headers });
    const chaos = this.chaos;
    if (!chaos) return this.enqueueNow(key, change);
    const copies = chaos.random() < chaos.duplicateRate ? 2 : 1;
    if (copies === 2) chaos.stats.duplicated++;
    for (let i = 0; i < copies; i++) {
      chaos.stats.held++;
      this.held++;
      this.timers.schedule(Math.floor(chaos.random() * chaos.reorderMs), () => {
        this.held--;
        this.enqueueNow(key, change);
      });
    }
  }

  private enqueueNow(key: string, change: QueuedChange): void {
    let queue = this.queues.get(key);
    if (!queue) {
      queue = [];
      this.queues.set(key, queue);
      this.timers.schedule(this.config.batchWindowMs, () => this.flush(key));
    }
    queue.push(change);
    if (queue.length >= this.config.maxBatch) this.flush(key);
  }

  /** Resolves once nothing is queued or in flight (scheduled re-sends do not count). */
  whenIdle(): Promise<void> {
    if (this.queues.size === 0 && this.inflight.size === 0 && this.held === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  reset(): void {
    this.stopEverything();
    this.chaos = null;
    this.log.clear();
  }

  close(): void {
    this.stopEverything();
    this.timers.close();
  }

  private stopEverything(): void {
    this.timers.clear();
    this.held = 0;
    this.queues.clear();
    this.profiles.clear();
    for (const controller of this.inflight) controller.abort();
    this.inflight.clear();
    for (const d of this.log.deliveries) if (d.state === "pending" || d.state === "retrying") d.state = "cancelled";
    this.notifyIdle();
  }

  private flush(key: string): void {
    const queue = this.queues.get(key);
    if (!queue) return;
    this.queues.delete(key);
    const profile = this.profiles.get(key);
    const url = profile?.url ?? key;
    for (let i = 0; i < queue.length; i += this.config.maxBatch) {
      const changes = queue.slice(i, i + this.config.maxBatch);
      const body = buildPayload(changes, this.config.clock.now());
      const raw = metaJson(body);
      const signature = profile ? "" : hubSignature(raw, this.config.appSecret());
      const record = this.log.add({
        url,
        body,
        signature,
        ...(profile ? { via: "360dialog" as const, headers: profile.headers } : {}),
        changes: changes.length,
        state: "pending",
        attempts: [],
      });
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
        headers: record.headers
          ? { ...record.headers, "content-type": "application/json" }
          : {
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
    if (this.queues.size !== 0 || this.inflight.size !== 0 || this.held !== 0) return;
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
