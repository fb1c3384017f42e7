import type { Logger } from "pino";

export interface ShutdownStep {
  name: string;
  run: () => unknown;
  /** How long the step may take before shutdown goes on without it. */
  limitMs: number;
}

/**
 * Runs the steps of a shutdown in order, each bounded: a step still running after its limit is
 * logged by name and left behind, so one stuck piece (a request that never ends, a pool client
 * never released) cannot hold the process or a test forever, and the log says which piece it was.
 * A step that throws is logged and the next one still runs.
 */
export async function runShutdownSteps(
  steps: readonly ShutdownStep[],
  logger: Pick<Logger, "warn" | "error">,
): Promise<void> {
  for (const step of steps) {
    let timer: NodeJS.Timeout | undefined;
    const overdue = new Promise<"overdue">((resolve) => {
      timer = setTimeout(() => resolve("overdue"), step.limitMs);
      timer.unref();
    });
    try {
      const outcome = await Promise.race([Promise.resolve().then(() => step.run()), overdue]);
      if (outcome === "overdue")
        logger.error(
          { step: step.name, limitMs: step.limitMs },
          `shutdown went on without "${step.name}": it was still running after ${step.limitMs} ms`,
        );
    } catch (err) {
      logger.warn({ err, step: step.name }, `shutdown step "${step.name}" failed`);
    } finally {
      clearTimeout(timer);
    }
  }
}
