import { AppError } from "../../platform/errors/index.js";
import { wallClock } from "../../platform/time-zone.js";

/** A parsed five-field cron expression: the allowed values of each field. */
export interface Cron {
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  /** Both day fields restricted: cron's rule is that either may match. */
  dayOr: boolean;
}

const FIELDS = [
  ["minute", 0, 59],
  ["hour", 0, 23],
  ["day of month", 1, 31],
  ["month", 1, 12],
  ["day of week", 0, 7],
] as const;

/** `minute hour day-of-month month day-of-week`, with `*`, lists, ranges and steps; 7 is Sunday too. */
export function parseCron(expr: string): Cron {
  const parts = expr.trim().split(/\s+/);
  const bad = (why: string) =>
    new AppError(
      "VALIDATION_FAILED",
      `Cron "${expr.slice(0, 100)}": ${why} (five fields: minute hour day month weekday, e.g. "0 9 * * 1").`,
    );
  if (parts.length !== 5) throw bad(`has ${parts.length} fields`);
  const sets = parts.map((part, i) => {
    const [name, min, max] = FIELDS[i]!;
    const out = new Set<number>();
    for (const item of part.split(",")) {
      const m = /^(\*|(\d{1,2})(?:-(\d{1,2}))?)(?:\/(\d{1,2}))?$/.exec(item);
      if (!m) throw bad(`the ${name} field "${item}" is not a number, range, list or step`);
      const from = m[1] === "*" ? min : Number(m[2]);
      const to = m[1] === "*" ? max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? max : from;
      const step = m[4] !== undefined ? Number(m[4]) : 1;
      if (from < min || to > max || from > to || step < 1)
        throw bad(`the ${name} field "${item}" is outside ${min}-${max}`);
      for (let v = from; v <= to; v += step) out.add(i === 4 && v === 7 ? 0 : v);
    }
    return out;
  });
  return {
    minutes: sets[0]!,
    hours: sets[1]!,
    days: sets[2]!,
    months: sets[3]!,
    weekdays: sets[4]!,
    dayOr: parts[2] !== "*" && parts[4] !== "*",
  };
}

export function cronMatches(cron: Cron, ms: number, timeZone: string): boolean {
  const w = wallClock(ms, timeZone);
  const dayOk = cron.dayOr
    ? cron.days.has(w.day) || cron.weekdays.has(w.weekday)
    : cron.days.has(w.day) && cron.weekdays.has(w.weekday);
  return cron.minutes.has(w.minute) && cron.hours.has(w.hour) && cron.months.has(w.month) && dayOk;
}

/**
 * The first minute strictly after `after` when the schedule fires, in its time zone; null if none
 * within ~4 years (e.g. February 30th). Minute by minute with hour and day skips: cheap enough
 * for a save-time check and the runtime's next tick.
 */
export function nextCronTime(cron: Cron, after: number, timeZone: string): number | null {
  const MIN = 60_000;
  let t = Math.floor(after / MIN) * MIN + MIN;
  const end = after + 4 * 366 * 86_400_000;
  while (t <= end) {
    const w = wallClock(t, timeZone);
    const dayOk = cron.dayOr
      ? cron.days.has(w.day) || cron.weekdays.has(w.weekday)
      : cron.days.has(w.day) && cron.weekdays.has(w.weekday);
    if (!cron.months.has(w.month) || !dayOk) {
      t += (24 * 60 - (w.hour * 60 + w.minute)) * MIN; // to the next local midnight (or near it, across DST)
      continue;
    }
    if (!cron.hours.has(w.hour)) {
      t += (60 - w.minute) * MIN;
      continue;
    }
    if (cron.minutes.has(w.minute)) return t;
    t += MIN;
  }
  return null;
}
