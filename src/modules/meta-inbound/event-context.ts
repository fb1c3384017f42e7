import type { Executor } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import type { EventBus, WharfEvent } from "../../platform/events.js";
import type { JobQueue } from "../../platform/jobs/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import type { AccountJobs } from "./account-jobs.js";
import { applyInboundBatch, type PendingInbound } from "./apply-inbound.js";
import type { PendingStatus } from "./apply-statuses.js";
import type { RouteCache } from "./route-cache.js";
import type { WebhookFlagRow } from "./webhook-events.repo.js";

/** Reading JSON not validated as a whole: Meta's payloads are checked piece by piece. */
export const obj = (v: unknown): Record<string, unknown> | null =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** A non-empty string, or null. */
export const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);

export type FlagKind =
  | "invalid_payload"
  | "invalid_entry"
  | "invalid_change"
  | "invalid_message"
  | "invalid_status"
  | "unknown_number"
  | "unknown_waba"
  | "meta_error";

export interface ProcessDeps {
  clock: Clock;
  jobs: JobQueue;
  accountJobs: AccountJobs;
  events: EventBus;
}

/**
 * One stored webhook event being processed inside a transaction (opened with events.transaction,
 * so what it records is published only after the commit: a rolled-back batch must not show a
 * message that then does not exist).
 */
export class EventContext {
  readonly flags: WebhookFlagRow[] = [];
  private seq = 0;

  constructor(
    readonly trx: Executor,
    readonly deps: ProcessDeps,
    readonly routes: RouteCache,
    readonly eventId: string,
    readonly receivedAt: number,
    /**
     * The transaction's statuses, shared by its events: applied together once every event is read,
     * in one lock order (`applyStatusBatch`), not in the order Meta happened to post them.
     */
    readonly statuses: PendingStatus[],
    /**
     * The transaction's inbound messages, shared by its events: stored together once every event
     * is read (`applyInboundBatch`), or sooner by `flushInbound`.
     */
    readonly inbound: PendingInbound[],
  ) {}

  /** Stores the inbound messages read so far, for work that must see them written first. */
  async flushInbound(): Promise<void> {
    await applyInboundBatch(this.trx, this.deps, this.inbound);
  }

  async emit(workspaceId: WorkspaceId, event: WharfEvent): Promise<void> {
    await this.deps.events.recordEvent(this.trx, workspaceId, event);
  }

  flag(
    kind: FlagKind,
    where: { field?: string | null; wabaId?: string | null; metaPhoneNumberId?: string | null },
    detail: unknown,
  ): void {
    this.flags.push({
      event_id: this.eventId,
      // Positions are deterministic, so processing the same event again adds no second flag.
      seq: this.seq++,
      kind,
      field: where.field ?? null,
      waba_id: where.wabaId ?? null,
      meta_phone_number_id: where.metaPhoneNumberId ?? null,
      detail: (typeof detail === "string" ? detail : (JSON.stringify(detail) ?? "")).slice(0, 2000),
      created_at: this.deps.clock.now(),
    });
  }

  /** Meta's Unix seconds (a decimal string) to ms; an unusable value falls back to when we received it. */
  metaTime(seconds: unknown): number {
    const n =
      typeof seconds === "string" && /^\d{1,12}$/.test(seconds)
        ? Number(seconds)
        : typeof seconds === "number"
          ? seconds
          : NaN;
    return Number.isFinite(n) && n > 0 && n < 1e11 ? Math.round(n * 1000) : this.receivedAt;
  }
}
