import type { Logger } from "pino";

/** How a loop reports what it cannot handle itself; the composition root passes the process's logger and metrics. */
export interface LoopObserver {
  logger?: Pick<Logger, "error">;
  metrics?: { loopError(loop: string): void };
}

/**
 * The one error policy of the background loops: logged with the loop's name and counted
 * (`wharf_loop_errors_total{loop}`). The work itself is safe (a lease lapses, a row is retried),
 * but an operator must see a loop that keeps failing.
 */
export function reportLoopError(observer: LoopObserver, loop: string, err: unknown, context?: object): void {
  observer.metrics?.loopError(loop);
  observer.logger?.error({ ...context, err, loop }, `${loop} loop failed`);
}
