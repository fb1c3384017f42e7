/**
 * Throughput: at most `mps` messages accepted by Meta in any one-second span. Meta counts when it
 * accepts a message, which is somewhere between our request's start and its response, so a slot
 * is held from a send's start until `spanMs` after its response: send k+mps can then only start
 * after send k was certainly accepted a full span earlier, however requests bunch on the way.
 */
export class SendWindow {
  private slots: number[];
  constructor(
    mps: number,
    private readonly spanMs = 1000,
  ) {
    this.slots = new Array<number>(Math.max(1, Math.floor(mps))).fill(Number.NEGATIVE_INFINITY);
  }

  /** How many sends may start now. */
  available(now: number): number {
    let n = 0;
    for (const t of this.slots) if (now - t >= this.spanMs) n++;
    return n;
  }

  /** When the next slot frees up (or soon, if every slot waits for a response). */
  nextAt(now: number): number {
    const finite = this.slots.filter((t) => Number.isFinite(t));
    return finite.length > 0 ? Math.min(...finite) + this.spanMs : now + 5;
  }

  /** Holds a slot for a send starting now; call the returned function when its response arrives. */
  take(now: number): (respondedAt: number) => void {
    const i = this.slots.findIndex((t) => now - t >= this.spanMs);
    if (i < 0) throw new Error("no free throughput slot: check available() first");
    this.slots[i] = Number.POSITIVE_INFINITY;
    return (respondedAt) => {
      this.slots[i] = respondedAt;
    };
  }

  resize(mps: number): void {
    const size = Math.max(1, Math.floor(mps));
    if (size > this.slots.length) this.slots.push(...new Array<number>(size - this.slots.length).fill(Number.NEGATIVE_INFINITY));
    else if (size < this.slots.length) this.slots.length = size;
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
