import { describe, expect, it } from "vitest";
import { runShutdownSteps } from "./shutdown-steps.js";

function recordingLogger() {
  const lines: Array<{ level: string; obj: Record<string, unknown>; msg: string }> = [];
  const log = (level: string) => (obj: Record<string, unknown>, msg: string) => void lines.push({ level, obj, msg });
  return { lines, logger: { warn: log("warn"), error: log("error") } as never };
}

describe("runShutdownSteps", () => {
  it("runs the steps in order, leaves a stuck one behind after its limit and names it", async () => {
    const { lines, logger } = recordingLogger();
    const ran: string[] = [];
    await runShutdownSteps(
      [
        { name: "first", limitMs: 1_000, run: () => void ran.push("first") },
        { name: "stuck", limitMs: 20, run: () => new Promise(() => ran.push("stuck")) },
        { name: "last", limitMs: 1_000, run: async () => void ran.push("last") },
      ],
      logger,
    );
    expect(ran).toEqual(["first", "stuck", "last"]);
    expect(lines).toEqual([
      expect.objectContaining({
        level: "error",
        obj: { step: "stuck", limitMs: 20 },
        msg: expect.stringContaining('"stuck"'),
      }),
    ]);
  });

  it("logs a step that throws, sync or async, and goes on", async () => {
    const { lines, logger } = recordingLogger();
    const ran: string[] = [];
    await runShutdownSteps(
      [
        {
          name: "sync",
          limitMs: 1_000,
          run: () => {
            throw new Error("boom");
          },
        },
        { name: "async", limitMs: 1_000, run: () => Promise.reject(new Error("bang")) },
        { name: "after", limitMs: 1_000, run: () => void ran.push("after") },
      ],
      logger,
    );
    expect(ran).toEqual(["after"]);
    expect(lines.map((l) => [l.level, l.obj.step])).toEqual([
      ["warn", "sync"],
      ["warn", "async"],
    ]);
  });
});
