import type { AnyDb } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { workspacesWithEndpoints } from "./endpoints.repo.js";

/** How long the set of workspaces with endpoints is trusted before it is read again. */
export const ENDPOINT_SET_TTL_MS = 2_000;

/**
 * "Look now" for the delivery worker, only for commits of a workspace that has an endpoint. Every
 * committed event would otherwise cost a claim statement in every process that runs the worker
 * (about five events a message), while most workspaces have no endpoint and nothing was owed. The
 * set is read at most every ENDPOINT_SET_TTL_MS, and at once after this process makes an
 * endpoint; an endpoint made by another process is heard within that time or at the worker's poll
 * (`WHARF_JOBS_POLL_MS`), whichever comes first, so a filtered poke costs latency, never a delivery.
 */
export function deliveryWake(deps: { db: AnyDb; now: () => number; onError?: (err: unknown) => void }) {
  let known: Set<string> | null = null;
  let readAt = 0;
  let reading: Promise<Set<string>> | null = null;

  const read = (): Promise<Set<string>> =>
    (reading ??= workspacesWithEndpoints(deps.db)
      .then((set) => {
        known = set;
        readAt = deps.now();
        return set;
      })
      .finally(() => {
        reading = null;
      }));

  return {
    /** A workspace committed events: calls `poke` if it may owe deliveries. */
    committed(workspaceId: WorkspaceId, poke: () => void): void {
      if (known && deps.now() - readAt < ENDPOINT_SET_TTL_MS) {
        if (known.has(workspaceId)) poke();
        return;
      }
      read().then(
        (set) => set.has(workspaceId) && poke(),
        (err: unknown) => {
          // Unknown: poke rather than wait for the poll.
          deps.onError?.(err);
          poke();
        },
      );
    },
    /** This process made an endpoint: read the set again at the next commit. */
    changed(): void {
      known = null;
    },
  };
}
