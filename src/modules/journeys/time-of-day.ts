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

/** The zone's offset from UTC at `at`, in ms (positive east of Greenwich). */
function offsetAt(at: number, tz: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: tz,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
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
