import { describe, expect, it } from "vitest";
import { dueFireTime } from "./schedule-sweep.js";

const at = (iso: string) => Date.parse(iso);

describe("dueFireTime", () => {
  it("is the cron's time in its zone, not before it", () => {
    // 09:30 in New York in July is 13:30 UTC (EDT, UTC-4); in January 14:30 UTC (EST, UTC-5).
    expect(dueFireTime("30 9 * * *", "America/New_York", at("2026-07-01T00:00Z"), at("2026-07-01T13:29:59Z"))).toBe(
      null,
    );
    expect(dueFireTime("30 9 * * *", "America/New_York", at("2026-07-01T00:00Z"), at("2026-07-01T13:30:00Z"))).toBe(
      at("2026-07-01T13:30Z"),
    );
    expect(dueFireTime("30 9 * * *", "America/New_York", at("2026-01-05T00:00Z"), at("2026-01-05T14:00Z"))).toBe(null);
    expect(dueFireTime("30 9 * * *", "America/New_York", at("2026-01-05T00:00Z"), at("2026-01-05T14:31Z"))).toBe(
      at("2026-01-05T14:30Z"),
    );
  });

  it("is strictly after the last fire time, and several missed ones collapse into the latest", () => {
    const last = at("2026-07-01T13:30Z");
    expect(dueFireTime("30 9 * * *", "America/New_York", last, at("2026-07-01T20:00Z"))).toBe(null);
    expect(dueFireTime("*/15 * * * *", "UTC", at("2026-07-01T10:00Z"), at("2026-07-01T10:50Z"))).toBe(
      at("2026-07-01T10:45Z"),
    );
  });
});
