import type { AnyDb, Executor } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findPhoneNumberOwners, workspacesOfWaba } from "../connection/index.js";

export interface Owner {
  workspaceId: WorkspaceId;
  /** Ours (pn_...). */
  phoneNumberId: string;
  /** Its deletion is scheduled (or done): inbound is stored, not routed to the inbox or automations. */
  deleting: boolean;
}

/**
 * Who a change belongs to. A `messages` change goes to the workspaces that own its
 * `metadata.phone_number_id` AND are connected to the entry's WABA: both ids come from Meta's
 * signed payload, and requiring both means a number that moved to another WABA (or a payload
 * naming one tenant's number under another tenant's WABA) reaches nobody rather than the wrong
 * inbox. Lookups are cached for one processing transaction only, so routing follows
 * (re)connections at once.
 */
export function routeCache(executor: Executor) {
  // Reads go through the transaction: on SQLite a read on the pool handle would wait for it forever.
  const db = executor as AnyDb;
  const owners = new Map<string, Promise<Owner[]>>();
  const wabas = new Map<string, Promise<WorkspaceId[]>>();
  const workspacesOf = (wabaId: string) => {
    let hit = wabas.get(wabaId);
    if (!hit) wabas.set(wabaId, (hit = workspacesOfWaba(db, wabaId)));
    return hit;
  };
  return {
    workspacesOf,
    async ownersOf(metaPhoneNumberId: string, wabaId: string): Promise<Owner[]> {
      const key = `${wabaId}|${metaPhoneNumberId}`;
      let hit = owners.get(key);
      if (!hit) {
        hit = (async () => {
          const [byNumber, byWaba] = await Promise.all([
            findPhoneNumberOwners(db, metaPhoneNumberId),
            workspacesOf(wabaId),
          ]);
          return byNumber.filter((o) => byWaba.includes(o.workspaceId));
        })();
        owners.set(key, hit);
      }
      return hit;
    },
  };
}

export type RouteCache = ReturnType<typeof routeCache>;
