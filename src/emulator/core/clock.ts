/**
 * The emulator's notion of "now". Tests inject a base clock and move it forward through the
 * control API (`POST /_emulator/clock {advanceMs}`), so Meta's 24-hour window, the rolling
 * 24-hour messaging limit and code/token expiry can be exercised without waiting.
 */
export interface EmulatorClock {
  /** Milliseconds since the epoch, base clock plus every advance so far. */
  now(): number;
  /** Moves time forward; negative values are refused because Meta's limits only look back. */
  advance(ms: number): number;
  /** Total advance applied, for `/_emulator/state`. */
  offsetMs(): number;
}

export function createClock(base: () => number = Date.now): EmulatorClock {
  let offset = 0;
  return {
    now: () => base() + offset,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError("advanceMs must be a non-negative number");
      offset += ms;
      return base() + offset;
    },
    offsetMs: () => offset,
  };
}

/** Meta puts Unix seconds in webhook timestamps, as strings in `messages` values. */
export function unixSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
