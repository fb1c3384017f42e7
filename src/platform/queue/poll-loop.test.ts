import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { pollLoop } from "./poll-loop.js";

describe("pollLoop wake-ups: gathered pokes, urgent pokes, pokes during a tick", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate"] }));
  afterEach(() => vi.useRealTimers());

  /** A loop whose ticks are counted; a tick lasts until `finish` is called when `hold` is set. */
  function counted(gatherMs: number) {
    const state = { ticks: 0, hold: false, finish: () => {} };
    const loop = pollLoop(
      () => {
        state.ticks += 1;
        if (!state.hold) return Promise.resolve(false);
        return new Promise<boolean>((resolve) => (state.finish = () => resolve(false)));
      },
      { name: "test", pollMs: 60_000, gatherMs },
    );
    return { loop, state };
  }

  it("gathers the pokes of gatherMs into one tick", async () => {
    const { loop, state } = counted(200);
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(state.ticks).toBe(1);
    for (let i = 0; i < 5; i++) {
      loop.poke();
      await vi.advanceTimersByTimeAsync(30);
    }
    expect(state.ticks).toBe(1);
    await vi.advanceTimersByTimeAsync(60);
    expect(state.ticks).toBe(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(state.ticks).toBe(2);
    await loop.stop();
  });

  it("an urgent poke does not wait for the gathering", async () => {
    const { loop, state } = counted(200);
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    loop.poke();
    loop.poke(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.ticks).toBe(2);
    // The gathering it cut short wakes the loop once more at most, not again and again.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(state.ticks).toBeLessThanOrEqual(3);
    await loop.stop();
  });

  it("a poke during a tick is gathered too, not answered by an immediate second tick", async () => {
    const { loop, state } = counted(200);
    state.hold = true;
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(state.ticks).toBe(1);
    loop.poke();
    state.hold = false;
    state.finish();
    await vi.advanceTimersByTimeAsync(50);
    expect(state.ticks).toBe(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(state.ticks).toBe(2);
    await loop.stop();
  });

  it("without gatherMs a poke wakes the loop on the next turn, also one that came during a tick", async () => {
    const { loop, state } = counted(0);
    state.hold = true;
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    loop.poke();
    state.hold = false;
    state.finish();
    await vi.advanceTimersByTimeAsync(1);
    expect(state.ticks).toBe(2);
    loop.poke();
    await vi.advanceTimersByTimeAsync(1);
    expect(state.ticks).toBe(3);
    await loop.stop();
  });
});
