import { describe, expect, it } from "vitest";
import { isTimeZone, nextTimeOfDay, wallClock } from "./time-zone.js";

describe("time zones", () => {
  it("knows IANA names and refuses others, non-strings and overlong ones", () => {
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone(42)).toBe(false);
    expect(isTimeZone(`Europe/${"x".repeat(80)}`)).toBe(false);
  });

  it("reads the wall clock of an instant in a zone, weekday included", () => {
    // 2026-03-01 is a Sunday; 23:30 UTC is already Monday 08:30 in Tokyo.
    expect(wallClock(Date.UTC(2026, 2, 1, 23, 30, 15), "Asia/Tokyo")).toEqual({
      year: 2026,
      month: 3,
      day: 2,
      hour: 8,
      minute: 30,
      second: 15,
      weekday: 1,
    });
    expect(wallClock(Date.UTC(2026, 2, 1, 0, 0), "America/Sao_Paulo")).toMatchObject({ day: 28, hour: 21, weekday: 6 });
  });

  it("finds the next 09:00 in the zone, today or tomorrow, never `now` itself", () => {
    const paris = "Europe/Paris"; // UTC+1 in January
    expect(nextTimeOfDay(Date.UTC(2026, 0, 10, 6, 0), "09:00", paris)).toBe(Date.UTC(2026, 0, 10, 8, 0));
    expect(nextTimeOfDay(Date.UTC(2026, 0, 10, 8, 0), "09:00", paris)).toBe(Date.UTC(2026, 0, 11, 8, 0));
    expect(nextTimeOfDay(Date.UTC(2026, 0, 10, 8, 0, 30), "09:00", paris)).toBe(Date.UTC(2026, 0, 11, 8, 0));
    expect(() => nextTimeOfDay(0, "9am", paris)).toThrow(/not a time of day/);
  });

  it("takes the new offset across a DST change, and shifts a skipped wall time", () => {
    // Paris moves to UTC+2 at 02:00 on 2026-03-29: 09:00 that day is 07:00 UTC, and 02:30 does not exist.
    expect(nextTimeOfDay(Date.UTC(2026, 2, 28, 12, 0), "09:00", "Europe/Paris")).toBe(Date.UTC(2026, 2, 29, 7, 0));
    const skipped = nextTimeOfDay(Date.UTC(2026, 2, 28, 12, 0), "02:30", "Europe/Paris");
    expect(skipped).toBeGreaterThan(Date.UTC(2026, 2, 29, 0, 0));
    expect(skipped).toBeLessThan(Date.UTC(2026, 2, 29, 2, 0));
  });
});
