import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PairRate, SendWindow } from "./rate-limits.js";

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
  it("lets a burst of 45 through, then one message per 6 s to that customer", () => {
    const p = new PairRate();
    for (let i = 0; i < 45; i++) {
      expect(p.allowedAt("1", 0)).toBe(0);
      p.take("1", 0);
    }
    expect(p.allowedAt("1", 0)).toBe(6000);
    expect(p.allowedAt("2", 0)).toBe(0);
  });
});
