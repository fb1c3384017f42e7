/**
 * What the emulator posted and what the receiver answered, for `GET /_emulator/webhooks`.
 * Bounded so a long benchmark does not grow memory without end.
 */
export interface DeliveryAttempt {
  at: number;
  status?: number;
  error?: string;
}

export interface DeliveryRecord {
  id: number;
  url: string;
  body: unknown;
  /** Meta's `X-Hub-Signature-256`; empty for a 360dialog delivery, which carries `headers` instead. */
  signature: string;
  via?: "360dialog";
  headers?: Record<string, string>;
  changes: number;
  state: "pending" | "delivered" | "retrying" | "failed" | "cancelled";
  attempts: DeliveryAttempt[];
}

export interface DroppedChange {
  at: number;
  wabaId: string;
  field: string;
  reason: "not_subscribed" | "no_webhook_url";
}

export class WebhookLog {
  readonly deliveries: DeliveryRecord[] = [];
  readonly dropped: DroppedChange[] = [];
  private nextId = 1;

  constructor(private readonly max = 2000) {}

  add(record: Omit<DeliveryRecord, "id">): DeliveryRecord {
    const full = { ...record, id: this.nextId++ };
    this.deliveries.push(full);
    trim(this.deliveries, this.max);
    return full;
  }

  drop(change: DroppedChange): void {
    this.dropped.push(change);
    trim(this.dropped, this.max);
  }

  clear(): void {
    this.deliveries.length = 0;
    this.dropped.length = 0;
  }
}

/** Trims in chunks (amortised O(1)) rather than shifting on every push of a hot path. */
function trim(list: unknown[], max: number): void {
  if (list.length > max * 2) list.splice(0, list.length - max);
}
