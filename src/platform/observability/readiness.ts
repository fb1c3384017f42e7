import type { AnyDb } from "../db/index.js";
import { pendingMigrations, ping, type WharfMigration } from "../db/index.js";

/**
 * Whether this process wants new work. Shutdown's first step is `drain()`: /readyz answers 503
 * from then on, so a load balancer (or Kubernetes) stops sending requests while the process still
 * serves the ones in flight.
 */
export interface Readiness {
  readonly draining: boolean;
  drain(): void;
}

export function createReadiness(): Readiness {
  let draining = false;
  return {
    get draining() {
      return draining;
    },
    drain() {
      draining = true;
    },
  };
}

export interface ReadinessDeps {
  db: AnyDb;
  migrations: WharfMigration[];
  readiness: Readiness;
}

export interface ReadinessAnswer {
  status: 200 | 503;
  body: { status: "ok" | "unavailable" | "draining"; checks: Record<string, string> };
}

/** What /readyz answers, on the API port and on the worker's own port alike. */
export async function checkReadiness(deps: ReadinessDeps): Promise<ReadinessAnswer> {
  if (deps.readiness.draining) return { status: 503, body: { status: "draining", checks: { shutdown: "draining" } } };
  try {
    await ping(deps.db);
  } catch {
    return { status: 503, body: { status: "unavailable", checks: { database: "unreachable" } } };
  }
  const pending = await pendingMigrations(deps.db, deps.migrations);
  if (pending.length > 0)
    return {
      status: 503,
      body: { status: "unavailable", checks: { database: "ok", migrations: `pending: ${pending.join(", ")}` } },
    };
  return { status: 200, body: { status: "ok", checks: { database: "ok", migrations: "ok" } } };
}
