import { describe, expect, it } from "vitest";
import { planAssignment, type AssignmentView } from "./number-assignment.js";

const view = (v: Partial<AssignmentView>): AssignmentView => ({
  held: new Set(),
  busy: new Set(),
  due: [],
  leased: new Map(),
  liveWorkers: 1,
  owner: "me",
  ...v,
});

describe("number assignment: each dispatcher takes at most ceil(numbers / dispatchers)", () => {
  it("takes its share of free numbers, not all of them", () => {
    const plan = planAssignment(view({ due: ["a", "b", "c", "d"], liveWorkers: 2 }));
    expect(plan).toEqual({ share: 2, release: [], take: ["a", "b"] });
  });

  it("skips numbers another dispatcher holds, and counts them in play", () => {
    const plan = planAssignment(
      view({ due: ["a", "b", "c", "d", "e"], leased: new Map([["a", "other"]]), liveWorkers: 2 }),
    );
    expect(plan).toEqual({ share: 3, release: [], take: ["b", "c", "d"] });
  });

  it("alone, takes every number (a dead dispatcher's heartbeat no longer counts)", () => {
    const plan = planAssignment(view({ due: ["a", "b", "c", "d"], held: new Set(["a", "b"]), liveWorkers: 1 }));
    expect(plan.take).toEqual(["c", "d"]);
  });

  it("over its share (another dispatcher started), gives up idle numbers before running pumps", () => {
    const plan = planAssignment(
      view({
        held: new Set(["a", "b", "c", "d"]),
        busy: new Set(["a", "b"]),
        due: ["a", "b", "c"],
        leased: new Map(["a", "b", "c", "d"].map((n) => [n, "me"])),
        liveWorkers: 2,
      }),
    );
    expect(plan.share).toBe(2);
    expect(plan.take).toEqual([]);
    expect(plan.release.sort()).toEqual(["c", "d"]);
  });

  it("at its share, neither takes nor gives up", () => {
    const plan = planAssignment(
      view({ held: new Set(["a", "b"]), due: ["a", "b", "c"], leased: new Map([["c", "other"]]), liveWorkers: 2 }),
    );
    expect(plan).toEqual({ share: 2, release: [], take: [] });
  });
});
