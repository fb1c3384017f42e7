/**
 * Wall clocks in IANA time zones, through Intl (Node's ICU data): automations' cron schedules, a
 * journey's "wait until 09:00" and the dry run that predicts it read the same clock.
 */

/** Whether `tz` is an IANA time zone this Node knows. */
export function isTimeZone(tz: unknown): tz is string {
  if (typeof tz !== "string" || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export interface WallClock {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
  /** 0 to 23. */
  hour: number;
  minute: number;
  second: number;
  /** 0 (Sunday) to 6. */
  weekday: number;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of an instant in a time zone. */
export function wallClock(ms: number, timeZone: string): WallClock {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    if (formats.size < 1000) formats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return {
    year: Number(p["year"]),
    month: Number(p["month"]),
    day: Number(p["day"]),
    hour: Number(p["hour"]),
    minute: Number(p["minute"]),
    second: Number(p["second"]),
    weekday: WEEKDAYS.indexOf(p["weekday"] ?? ""),
  };
}

/** The zone's offset from UTC at `at`, in ms (positive east of Greenwich). */
function offsetAt(at: number, tz: string): number {
  const w = wallClock(at, tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (at - (at % 1000));
}

/**
 * The next instant after `now` when the wall clock in `tz` shows `hhmm` ("09:00"). A wall time a
 * DST change skips is taken at the shifted instant (as calendars do).
 */
export function nextTimeOfDay(now: number, hhmm: string, tz: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new Error(`not a time of day: ${hhmm}`);
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  const local = now + offsetAt(now, tz);
  const dayStart = local - (((local % 86_400_000) + 86_400_000) % 86_400_000);
  for (let d = 0; d <= 2; d++) {
    const wallAsUtc = dayStart + d * 86_400_000 + minutes * 60_000;
    // The offset at the target instant, found from a guess at it (right except across a DST change's hour).
    const guess = wallAsUtc - offsetAt(wallAsUtc, tz);
    const at = wallAsUtc - offsetAt(guess, tz);
    if (at > now) return at;
  }
  return now + 86_400_000;
}
