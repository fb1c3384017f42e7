/**
 * Throughput: at most `mps` messages accepted by Meta in any one-second span. Meta counts when it
 * accepts a message, which is somewhere between our request's start and its response, so a slot
 * is held from a send's start until `spanMs` after its response: send k+mps can then only start
 * after send k was certainly accepted a full span earlier, however requests bunch on the way.
 */
export class SendWindow {
  private capacity: number;
  /** Sends started and not yet answered: each holds a slot. */
  private inflight = 0;
  /** When answered sends were answered, oldest first (a release is stamped with the time it runs). */
  private released: number[] = [];
  private head = 0;

  constructor(
    mps: number,
    private readonly spanMs = 1000,
  ) {
    this.capacity = Math.max(1, Math.floor(mps));
  }

  /** How many sends may start now. */
  available(now: number): number {
    this.prune(now);
    return Math.max(0, this.capacity - this.inflight - (this.released.length - this.head));
  }

  /** When the next slot frees up (or soon, if every slot waits for a response). */
  nextAt(now: number): number {
    this.prune(now);
    return this.head < this.released.length ? this.released[this.head]! + this.spanMs : now + 5;
  }

  /** Holds a slot for a send starting now; call the returned function when its response arrives. */
  take(now: number): (respondedAt: number) => void {
    if (this.available(now) <= 0) throw new Error("no free throughput slot: check available() first");
    this.inflight += 1;
    return (respondedAt) => {
      this.inflight -= 1;
      this.released.push(respondedAt);
    };
  }

  /** A smaller window takes effect as the slots in use age out. */
  resize(mps: number): void {
    this.capacity = Math.max(1, Math.floor(mps));
  }

  private prune(now: number): void {
    while (this.head < this.released.length && now - this.released[this.head]! >= this.spanMs) this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.released.length) {
      this.released = this.released.slice(this.head);
      this.head = 0;
    }
  }
}

/**
 * Pair rate: one message per `intervalMs` to the same customer from one number, with a burst
 * borrowed ahead (Meta: about one per 6 s, up to 45 in a burst). A generic cell-rate algorithm
 * per recipient; `allowedAt` says when a message to that customer may go.
 */
export class PairRate {
  private tat = new Map<string, number>();
  constructor(
    private readonly intervalMs = 6000,
    private readonly burst = 45,
  ) {}

  allowedAt(waId: string, now: number): number {
    const tat = Math.max(this.tat.get(waId) ?? now, now);
    const ahead = tat + this.intervalMs - now;
    return ahead > this.burst * this.intervalMs ? now + ahead - this.burst * this.intervalMs : now;
  }

  take(waId: string, now: number): void {
    this.tat.set(waId, Math.max(this.tat.get(waId) ?? now, now) + this.intervalMs);
    if (this.tat.size > 100_000) for (const [k, v] of this.tat) if (v < now) this.tat.delete(k);
  }
}
