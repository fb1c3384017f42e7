import type { EmulatorContext, StatusSink } from "../core/context.js";
import { DelayQueue } from "../core/delay-queue.js";
import { webhookError } from "../core/graph-error.js";
import type { SentMessage, StatusName } from "../state/content-model.js";
import { publish } from "../webhooks/publish.js";
import { statusValue, type MessagePricing } from "./status-values.js";

interface Pending {
  message: SentMessage;
  pricing: MessagePricing;
  /** Which statuses this message will reach; `failed` replaces all of them. */
  final: StatusName;
}

/**
 * After `/messages` answers 200, Meta reports progress as status webhooks: `sent`,
 * `delivered`, then `read` (only if the user has read receipts on), or a single `failed` with
 * the reason. Each status fires its configured delay after acceptance.
 */
export class StatusPipeline implements StatusSink {
  private readonly queues: Record<"sent" | "delivered" | "read", DelayQueue<Pending>>;
  private closed = false;

  /** `context` is read when a status fires, so the pipeline can exist before the context does. */
  constructor(
    private readonly context: () => EmulatorContext,
    delays: { sent: number; delivered: number; read: number },
  ) {
    this.queues = {
      sent: new DelayQueue(delays.sent, (p) => this.emit(p, p.final === "failed" ? "failed" : "sent")),
      delivered: new DelayQueue(delays.delivered, (p) => this.emit(p, "delivered")),
      read: new DelayQueue(delays.read, (p) => this.emit(p, "read")),
    };
  }

  enqueue(message: SentMessage, pricing: MessagePricing, final: StatusName): void {
    if (this.closed) return;
    const pending = { message, pricing, final };
    this.queues.sent.push(pending);
    if (final === "delivered" || final === "read") this.queues.delivered.push(pending);
    if (final === "read") this.queues.read.push(pending);
  }

  get pending(): number {
    return this.queues.sent.size + this.queues.delivered.size + this.queues.read.size;
  }

  clear(): void {
    for (const queue of Object.values(this.queues)) queue.clear();
  }

  /** After `close()` accepted messages get no status webhooks: no timer outlives the emulator. */
  close(): void {
    this.closed = true;
    this.clear();
  }

  private emit({ message, pricing }: Pending, status: StatusName): void {
    const ctx = this.context();
    const phone = ctx.state.phoneNumbers.get(message.phoneNumberId);
    if (!phone || ctx.state.messages.get(message.wamid) !== message) return;
    const now = ctx.clock.now();
    message.statuses.push({ status, at: now });
    const failure = status === "failed" ? message.failure : undefined;
    const error = failure ? webhookError(failure.code, failure.title, failure.details) : undefined;
    publish(
      ctx,
      phone.wabaId,
      "messages",
      statusValue(phone, message, status, now, pricing, ctx.state.app.webhookVersion, error),
      phone.id,
    );
  }
}
