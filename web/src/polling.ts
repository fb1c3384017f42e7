import { useEffect, useRef, useState } from "react";

/**
 * Calls `callback` every `intervalMs` while `active` and the tab is visible. Polling is the
 * fallback under the live event stream: it keeps a page right if an event is missed.
 */
export function useInterval(callback: () => void, intervalMs: number, active: boolean): void {
  const saved = useRef(callback);
  useEffect(() => {
    saved.current = callback;
  });
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") saved.current();
    }, intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs, active]);
}

/**
 * A loader whose answers arrive in order: an answer to an older call than the latest one is
 * dropped, so a slow poll cannot overwrite a fresher read.
 */
export function useLatest<T>(
  load: () => Promise<T>,
  apply: (value: T) => void,
  fail: (error: unknown) => void,
): () => Promise<void> {
  const seq = useRef(0);
  const fns = useRef({ load, apply, fail });
  useEffect(() => {
    fns.current = { load, apply, fail };
  });
  const run = useRef(async () => {
    const mine = ++seq.current;
    try {
      const value = await fns.current.load();
      if (mine === seq.current) fns.current.apply(value);
    } catch (error) {
      if (mine === seq.current) fns.current.fail(error);
    }
  });
  return run.current;
}

/**
 * Runs `callback` at most once per `ms`, at the end of the wait, however many times it is asked
 * in between: a burst of status events becomes one re-read.
 */
export function useCoalesced(callback: () => void, ms: number): () => void {
  const saved = useRef(callback);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    saved.current = callback;
  });
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const ask = useRef(() => {
    if (timer.current !== undefined) return;
    timer.current = window.setTimeout(() => {
      timer.current = undefined;
      saved.current();
    }, ms);
  });
  return ask.current;
}

/** The time now, re-read every `intervalMs`: for countdowns such as the 24-hour window. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
