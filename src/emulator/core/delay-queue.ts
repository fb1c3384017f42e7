/**
 * Runs items a fixed delay after they were pushed, with one timer per queue instead of one per
 * item: status webhooks for tens of thousands of messages a second would otherwise mean as many
 * timers. Every item in a queue has the same delay, so the queue stays in due order.
 */
export class DelayQueue<T> {
  private items: { due: number; item: T }[] = [];
  private head = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly delayMs: number,
    private readonly run: (item: T) => void,
  ) {}

  push(item: T): void {
    this.items.push({ due: performance.now() + this.delayMs, item });
    if (!this.timer) this.arm();
  }

  get size(): number {
    return this.items.length - this.head;
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.items = [];
    this.head = 0;
  }

  private arm(): void {
    const next = this.items[this.head];
    if (!next) return;
    this.timer = setTimeout(() => this.drain(), Math.max(0, next.due - performance.now()));
    this.timer.unref?.();
  }

  private drain(): void {
    this.timer = undefined;
    const now = performance.now();
    while (this.head < this.items.length && this.items[this.head]!.due <= now + 1) {
      const { item } = this.items[this.head]!;
      this.head += 1;
      try {
        this.run(item);
      } catch {
        // One item's failure must not stall the ones behind it.
      }
    }
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    this.arm();
  }
}
