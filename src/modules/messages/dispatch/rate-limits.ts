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

/** A pair rate state handed from one owner of a number to the next: when a customer may next be sent to. */
export interface PairHandover {
  waId: string;
  /** The pair's theoretical arrival time (its GCRA state), by the sender's clock. */
  tat: number;
}

/**
 * Pair rate: one message per `intervalMs` to the same customer from one number, with a burst
 * borrowed ahead (Meta: about one per 6 s, up to 45 in a burst). A generic cell-rate algorithm
 * per recipient; `allowedAt` says when a message to that customer may go.
 *
 * A number changes owner (a worker stops, dies, or gives it up to balance the load) while Meta
 * still remembers up to 45 intervals (270 s) of each pair. What the next owner needs is handed over
 * through the database, cheaply: only pairs more than `handoverMs` (10 intervals) ahead are written
 * (`handover`, with each batch's outcomes; a campaign's one message per customer writes nothing),
 * and the next owner assumes every other pair is at most `handoverMs` ahead of when it took over
 * (a floor under every pair, `takeOver`): a customer it was not told about gets a burst of 34
 * instead of 44 for its first minute.
 */
export class PairRate {
  private tat = new Map<string, number>();
  /** No pair is believed to be due earlier than this (set by `takeOver`). */
  private floor = 0;
  constructor(
    private readonly intervalMs = 6000,
    private readonly burst = 45,
    private readonly slackMs = 1000,
  ) {}

  /** Pairs further ahead than this are handed over; the next owner assumes it of all others. */
  get handoverMs(): number {
    return 10 * this.intervalMs;
  }

  /**
   * A send is stamped with the batch's clock reading, and Meta counts it when it arrives, a little
   * later: a burst's first send may have moved Meta's time further than ours. Keeping `slackMs`
   * short of the limit covers arrivals up to a second late (the bound the throughput guard assumes).
   */
  allowedAt(waId: string, now: number): number {
    const ahead = this.tatOf(waId, now) + this.intervalMs - now;
    const limit = this.burst * this.intervalMs - this.slackMs;
    return ahead > limit ? now + ahead - limit : now;
  }

  take(waId: string, now: number): void {
    this.tat.set(waId, this.tatOf(waId, now) + this.intervalMs);
    if (this.tat.size > 100_000) for (const [k, v] of this.tat) if (v < now) this.tat.delete(k);
  }

  /** Of these customers, the ones a next owner must be told about (more than `handoverMs` ahead). */
  handover(waIds: Iterable<string>, now: number): PairHandover[] {
    // On the send path: one lookup per message; the rare customers to hand over are deduplicated.
    const out: PairHandover[] = [];
    const after = now + this.handoverMs;
    let seen: Set<string> | undefined;
    for (const waId of waIds) {
      const tat = this.tat.get(waId);
      if (tat === undefined || tat <= after || seen?.has(waId)) continue;
      (seen ??= new Set()).add(waId);
      out.push({ waId, tat });
    }
    return out;
  }

  /**
   * Takes the number over from another owner at `now`: the pairs it handed over, a floor of
   * `handoverMs` under every other pair, and one message charged to each customer of `maybeSent`
   * (rows the last owner claimed and never recorded: it may have sent them). Returns what must be
   * handed over at once, before any send: those charges, should this owner die too.
   */
  takeOver(now: number, handed: readonly PairHandover[], maybeSent: readonly string[]): PairHandover[] {
    for (const h of handed) this.tat.set(h.waId, Math.max(this.tat.get(h.waId) ?? 0, h.tat));
    this.floor = Math.max(this.floor, now + this.handoverMs);
    for (const waId of maybeSent) this.take(waId, now);
    return this.handover(maybeSent, now);
  }

  private tatOf(waId: string, now: number): number {
    return Math.max(this.tat.get(waId) ?? now, now, this.floor);
  }
}
