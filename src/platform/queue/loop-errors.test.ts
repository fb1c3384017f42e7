import { describe, expect, it } from "vitest";
import { createMetrics } from "../observability/index.js";
import { pollLoop } from "./poll-loop.js";
import { writeBatchOrEach } from "./write-batch-or-each.js";

function observer() {
  const logged: Array<{ obj: unknown; msg: string }> = [];
  const metrics = createMetrics();
  return {
    logged,
    metrics,
    logger: { error: (obj: unknown, msg?: string) => void logged.push({ obj, msg: msg ?? "" }) },
  };
}

async function loopErrors(metrics: ReturnType<typeof createMetrics>, loop: string): Promise<number> {
  const metric = await metrics.registry.getSingleMetric("wharf_loop_errors_total")!.get();
  return metric.values.find((v) => v.labels.loop === loop)?.value ?? 0;
}

describe("a poll loop reports every error of its tick, and goes on", () => {
  it("logs it with the loop's name and counts it in wharf_loop_errors_total{loop}", async () => {
    const o = observer();
    let ticks = 0;
    const loop = pollLoop(
      async () => {
        ticks++;
        if (ticks <= 2) throw new Error(`boom ${ticks}`);
        return false;
      },
      { name: "test-loop", pollMs: 1 },
      o,
    );
    loop.start();
    while (ticks < 3) await new Promise((r) => setTimeout(r, 2));
    await loop.stop();
    expect(await loopErrors(o.metrics, "test-loop")).toBe(2);
    expect(o.logged.map((l) => (l.obj as { loop: string }).loop)).toEqual(["test-loop", "test-loop"]);
  });
});

describe("writeBatchOrEach", () => {
  it("writes the batch once when it succeeds", async () => {
    const calls: number[][] = [];
    const results = await writeBatchOrEach(
      "w",
      {},
      [1, 2, 3],
      async (items) => (calls.push(items), items.map((i) => i * 10)),
    );
    expect(calls).toEqual([[1, 2, 3]]);
    expect(results).toEqual([10, 20, 30].map((value) => ({ ok: true, value })));
  });

  it("when the batch fails, writes each item alone: a bad item fails alone and is reported once", async () => {
    const o = observer();
    const calls: number[][] = [];
    const results = await writeBatchOrEach("batch-writer", o, [1, 2, 3], async (items) => {
      calls.push(items);
      if (items.includes(2)) throw new Error("bad item");
      return items.map((i) => i * 10);
    });
    expect(calls).toEqual([[1, 2, 3], [1], [2], [3]]);
    expect(results.map((r) => (r.ok ? r.value : "error"))).toEqual([10, "error", 30]);
    expect(await loopErrors(o.metrics, "batch-writer")).toBe(1);
    expect(o.logged).toHaveLength(1);
  });

  it("logs a failed item with what describe() says of it, so its caller need not log it again", async () => {
    const o = observer();
    await writeBatchOrEach(
      "batch-writer",
      o,
      [{ id: "a" }, { id: "b" }],
      async (items) => {
        if (items.some((i) => i.id === "b")) throw new Error("bad item");
        return items.map(() => undefined);
      },
      (item) => ({ itemId: item.id }),
    );
    expect(o.logged).toEqual([
      { obj: expect.objectContaining({ itemId: "b", loop: "batch-writer" }), msg: "batch-writer loop failed" },
    ]);
  });
});
