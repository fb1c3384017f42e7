import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PairRate, SendWindow, type PairHandover } from "./rate-limits.js";

describe("SendWindow: never more than mps accepted by Meta in any one-second span", () => {
  it("holds whatever the latencies, and wherever between request and response Meta counts the send", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(
          fc.record({
            gap: fc.integer({ min: 0, max: 60 }),
            latency: fc.integer({ min: 0, max: 400 }),
            at: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
          { minLength: 1, maxLength: 400 },
        ),
        (mps, steps) => {
          const w = new SendWindow(mps);
          const pending: { due: number; release: (t: number) => void }[] = [];
          const accepted: number[] = [];
          let now = 0;
          for (const step of steps) {
            now += step.gap;
            for (const p of pending.filter((p) => p.due <= now).sort((a, b) => a.due - b.due)) {
              p.release(p.due);
              pending.splice(pending.indexOf(p), 1);
            }
            if (w.available(now) === 0) continue;
            pending.push({ due: now + step.latency, release: w.take(now) });
            accepted.push(now + step.at * step.latency);
          }
          accepted.sort((a, b) => a - b);
          for (let i = mps; i < accepted.length; i++)
            expect(accepted[i]! - accepted[i - mps]!).toBeGreaterThanOrEqual(1000);
        },
      ),
    );
  });

  it("reaches the full rate when answers are fast, and a slot frees one span after its answer", () => {
    const w = new SendWindow(3);
    const releases = [w.take(0), w.take(0), w.take(0)];
    expect(w.available(0)).toBe(0);
    releases.forEach((r, i) => r(10 + i));
    expect(w.available(1009)).toBe(0);
    expect(w.nextAt(1009)).toBe(1010);
    expect(w.available(1010)).toBe(1);
    expect(w.available(1012)).toBe(3);
  });

  it("a smaller window applies as the slots in use age out; a larger one at once", () => {
    const w = new SendWindow(4);
    w.take(0)(0);
    w.take(0)(0);
    w.resize(2);
    expect(w.available(500)).toBe(0);
    expect(w.available(1000)).toBe(2);
    w.resize(100_000);
    expect(w.available(1000)).toBe(100_000);
  });
});

describe("PairRate", () => {
  it("lets a burst of 44 through (Meta's 45 less a second for sends that reach Meta late), then one message per 6 s", () => {
    const p = new PairRate();
    for (let i = 0; i < 44; i++) {
      expect(p.allowedAt("1", 0)).toBe(0);
      p.take("1", 0);
    }
    expect(p.allowedAt("1", 0)).toBe(1000);
    p.take("1", 1000);
    expect(p.allowedAt("1", 1000)).toBe(7000);
    expect(p.allowedAt("2", 0)).toBe(0);
  });
});

describe("PairRate across owners: a number changing hands never exceeds Meta's pair rate", () => {
  // Meta's rule as the emulator enforces it (src/emulator/messages/rate-limits.ts; meta-cloud-api.md
  // §5.2: one message per 6 s to a user, bursts of up to 45 borrowed ahead, 131056 beyond).
  const metaRefuses = (meta: Map<string, number>, waId: string, now: number) => {
    const tat = Math.max(meta.get(waId) ?? now, now);
    if (tat + 6000 - now > 45 * 6000) return true;
    meta.set(waId, tat + 6000);
    return false;
  };

  it("holds whatever the batches, the hand-overs, and the batches lost with a killed owner", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({
              kind: fc.constant("batch" as const),
              gap: fc.integer({ min: 0, max: 8000 }),
              to: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 30 }),
              lost: fc.boolean(),
            }),
            fc.record({ kind: fc.constant("handover" as const), gap: fc.integer({ min: 0, max: 3000 }) }),
          ),
          { minLength: 1, maxLength: 120 },
        ),
        (steps) => {
          const meta = new Map<string, number>();
          /** The database: handed-over pairs (max-merged) and the rows a dead owner left in flight. */
          const saved = new Map<string, number>();
          let inflight: string[] = [];
          const save = (pairs: PairHandover[]) => {
            for (const h of pairs) saved.set(h.waId, Math.max(saved.get(h.waId) ?? 0, h.tat));
          };
          // What the dispatcher does on taking a number's lease (dispatcher.ts, takeOver).
          const nextOwner = () => {
            const next = new PairRate();
            const handed = [...saved].filter(([, tat]) => tat >= now).map(([waId, tat]) => ({ waId, tat }));
            save(next.takeOver(now, handed, inflight));
            return next;
          };
          let now = 0;
          let owner = nextOwner();
          for (const step of steps) {
            now += step.gap;
            if (step.kind === "handover") {
              owner = nextOwner();
              continue;
            }
            // Rows a dead owner left in flight are claimed again and go first.
            const rows = [...inflight, ...step.to.map(String)];
            inflight = [];
            const sent: string[] = [];
            const refused: string[] = [];
            for (const waId of rows) {
              if (owner.allowedAt(waId, now) > now) continue; // rescheduled
              owner.take(waId, now);
              sent.push(waId);
              if (metaRefuses(meta, waId, now)) refused.push(waId);
            }
            expect(refused).toEqual([]);
            if (step.lost) {
              // The owner dies before recording: its rows stay in flight, its hand-over unwritten,
              // and the next batch comes from a new owner.
              inflight = sent;
              owner = nextOwner();
            } else {
              save(owner.handover(sent, now));
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a fresh owner with nothing handed over would exceed it (what the hand-over prevents)", () => {
    const meta = new Map<string, number>();
    const first = new PairRate();
    for (let i = 0; i < 44; i++) {
      first.take("1", 0);
      expect(metaRefuses(meta, "1", 0)).toBe(false);
    }
    const fresh = new PairRate();
    let refused = 0;
    while (fresh.allowedAt("1", 1000) === 1000) {
      fresh.take("1", 1000);
      if (metaRefuses(meta, "1", 1000)) refused += 1;
    }
    expect(refused).toBe(43);
    const handedOver = new PairRate();
    handedOver.takeOver(1000, first.handover(["1"], 1000), []);
    expect(handedOver.allowedAt("1", 1000)).toBe(first.allowedAt("1", 1000));
  });

  it("writes nothing for customers sent one message (a campaign); a new owner gives them a burst of 34 for a minute", () => {
    const p = new PairRate();
    for (let c = 0; c < 100; c++) p.take(String(c), 0);
    expect(
      p.handover(
        Array.from({ length: 100 }, (_, c) => String(c)),
        0,
      ),
    ).toEqual([]);
    const next = new PairRate();
    next.takeOver(0, [], []);
    let burst = 0;
    while (next.allowedAt("x", 0) === 0) {
      next.take("x", 0);
      burst += 1;
    }
    expect(burst).toBe(34);
  });
});
