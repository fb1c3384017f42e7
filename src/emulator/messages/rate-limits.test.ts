import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EmulatorState } from "../state/emulator-state.js";
import { checkPairRate, checkThroughput, checkUniqueRecipients } from "./rate-limits.js";

const fresh = () =>
  new EmulatorState({ id: "1", secret: "s", name: "app", requireAppSecret: false, webhookVersion: "v23.0" });

function sendAll(
  state: EmulatorState,
  times: number[],
  check: (s: EmulatorState, now: number) => ReturnType<typeof checkThroughput>,
): boolean[] {
  return times.map((now) => {
    const result = check(state, now);
    if (result.ok) result.commit();
    return result.ok;
  });
}

/**
 * For any limit of 1-50 a second and up to 400 sends over 3 s, in time order, run once through a
 * fresh throughput window (each accepted or refused once, as Meta would see them): `check` gets
 * the limit, the times and which were accepted.
 */
function forAnySends(check: (mps: number, times: number[], ok: boolean[]) => void): void {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 50 }),
      fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 400 }),
      (mps, raw) => {
        const times = [...raw].sort((a, b) => a - b);
        check(
          mps,
          times,
          sendAll(fresh(), times, (s, now) => checkThroughput(s, "p", mps, now)),
        );
      },
    ),
  );
}

describe("throughput window", () => {
  it("never lets more than mps messages through in any one-second span", () => {
    forAnySends((mps, times, ok) => {
      const accepted = times.filter((_, i) => ok[i]);
      for (const t of accepted) expect(accepted.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(mps);
    });
  });

  it("accepts a send exactly when fewer than mps were accepted in the second before it", () => {
    forAnySends((mps, times, ok) => {
      const accepted: number[] = [];
      const expected = times.map((t) => {
        const room = accepted.filter((u) => t - u < 1000).length < mps;
        if (room) accepted.push(t);
        return room;
      });
      expect(ok).toEqual(expected);
    });
  });

  it("does not spend budget on refused messages", () => {
    const state = fresh();
    expect(sendAll(state, [0, 0, 0], (s, now) => checkThroughput(s, "p", 2, now))).toEqual([true, true, false]);
    expect(sendAll(state, [999, 1000, 1000], (s, now) => checkThroughput(s, "p", 2, now))).toEqual([false, true, true]);
  });
});

describe("pair rate (generic cell rate)", () => {
  const limits = { intervalMs: 6000, burst: 45 };
  it("takes a burst of 45, then one message per 6 s", () => {
    const state = fresh();
    const burst = sendAll(
      state,
      Array.from({ length: 46 }, () => 0),
      (s, now) => checkPairRate(s, "k", limits, now),
    );
    expect(burst.filter(Boolean)).toHaveLength(45);
    expect(sendAll(state, [5999, 6000, 6001], (s, now) => checkPairRate(s, "k", limits, now))).toEqual([
      false,
      true,
      false,
    ]);
  });

  it("a burst of 20 is paid back after about two minutes of silence", () => {
    const state = fresh();
    sendAll(
      state,
      Array.from({ length: 20 }, () => 0),
      (s, now) => checkPairRate(s, "k", limits, now),
    );
    expect(state.pairRate.get("k")).toBe(120_000);
  });

  it("over any long run, never exceeds burst + elapsed / interval messages", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 600_000 }), { maxLength: 400 }), (raw) => {
        const times = [...raw].sort((a, b) => a - b);
        const state = fresh();
        const ok = sendAll(state, times, (s, now) => checkPairRate(s, "k", limits, now)).filter(Boolean).length;
        const span = times.length ? times[times.length - 1]! - times[0]! : 0;
        expect(ok).toBeLessThanOrEqual(limits.burst + Math.floor(span / limits.intervalMs));
      }),
    );
  });
});

describe("unique recipients in a rolling 24 h", () => {
  it("counts each user once and forgets them 24 hours after their last message", () => {
    const state = fresh();
    const send = (user: string, now: number) => {
      const r = checkUniqueRecipients(state, "p", user, 2, now);
      if (r.ok) r.commit();
      return r.ok;
    };
    expect([send("a", 0), send("b", 10), send("a", 20), send("c", 30)]).toEqual([true, true, true, false]);
    expect(send("c", 86_400_010)).toBe(true); // b expired; a was refreshed at 20
    expect(send("d", 86_400_015)).toBe(false);
  });
});
