import { describe, expect, it } from "vitest";
import { groupCommitter } from "./group-commit.js";

describe("group commit", () => {
  it("answers concurrent adds only after their batch is flushed, in few batches of bounded size", async () => {
    const batches: number[][] = [];
    let committed = 0;
    const g = groupCommitter<number>({
      maxBatch: 40,
      flush: async (items) => {
        batches.push(items);
        await new Promise((r) => setTimeout(r, 2));
        committed += items.length;
      },
    });
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => g.add(i).then(() => order.push(committed >= i + 1 ? 1 : 0))),
    );
    expect(order.every((ok) => ok === 1)).toBe(true);
    expect(batches.flat()).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(batches.every((b) => b.length <= 40)).toBe(true);
    expect(batches.length).toBeLessThanOrEqual(4);
    await g.drain();
  });

  it("fails every request of a batch whose commit failed, and keeps serving the next ones", async () => {
    let fail = true;
    const g = groupCommitter<string>({
      flush: async () => {
        if (fail) throw new Error("disk full");
      },
    });
    const first = await Promise.allSettled([g.add("a"), g.add("b")]);
    expect(first.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    await expect(g.add("c")).resolves.toBeUndefined();
  });

  it("runs at most maxConcurrent flushes at once", async () => {
    let running = 0;
    let peak = 0;
    const g = groupCommitter<number>({
      maxBatch: 5,
      maxConcurrent: 2,
      flush: async () => {
        peak = Math.max(peak, ++running);
        await new Promise((r) => setTimeout(r, 3));
        running--;
      },
    });
    await Promise.all(Array.from({ length: 40 }, (_, i) => g.add(i)));
    expect(peak).toBe(2);
  });
});
