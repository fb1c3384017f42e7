import type { Executor } from "../../platform/db/index.js";
import { newId } from "../../platform/crypto/index.js";
import type { EventSink } from "../../platform/events.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { insertDeliveries } from "./deliveries.repo.js";
import { endpointSubscriptions } from "./endpoints.repo.js";

export function subscribes(events: string, type: string): boolean {
  const list = JSON.parse(events) as string[];
  return list.includes("*") || list.includes(type);
}

/**
 * Owes the event to every endpoint of the workspace that subscribed to its type, in the
 * transaction that recorded it, so a committed event always has its deliveries and a rolled-back
 * one has none. Returns the event id, or null when no endpoint wants it (nothing is written
 * then: most workspaces have no endpoint). Modules do not call it: they record events with
 * `events.recordEvent`, which calls `endpointsSink`.
 */
export async function recordOutboundEvent(
  executor: Executor,
  workspaceId: WorkspaceId,
  event: { id?: string; type: string; at: number; data: unknown },
): Promise<string | null> {
  const endpoints = (await subscriptionsIn(executor, workspaceId)).filter((e) => subscribes(e.events, event.type));
  if (endpoints.length === 0) return null;
  const id = event.id ?? newId("evt", event.at);
  const payload = JSON.stringify({
    id,
    type: event.type,
    createdAt: new Date(event.at).toISOString(),
    data: event.data,
  });
  await insertDeliveries(
    executor,
    workspaceId,
    endpoints.map((e) => ({
      id: newId("dlv", event.at),
      endpoint_id: e.id,
      event_id: id,
      event_type: event.type,
      payload,
      state: "pending" as const,
      attempts: 0,
      run_at: event.at,
      lease_owner: null,
      lease_until: null,
      last_status: null,
      last_error: null,
      created_at: event.at,
      delivered_at: null,
    })),
  );
  return id;
}

/** What the event bus calls for every recorded event that endpoints may subscribe to. */
export const endpointsSink: EventSink = (executor, workspaceId, event) =>
  recordOutboundEvent(executor, workspaceId, event);

/**
 * A webhook batch applies hundreds of statuses of one workspace in one transaction: its endpoints
 * are read once per transaction (what the transaction itself sees), never across transactions.
 */
const perTransaction = new WeakMap<Executor, Map<string, ReturnType<typeof endpointSubscriptions>>>();
function subscriptionsIn(executor: Executor, workspaceId: WorkspaceId): ReturnType<typeof endpointSubscriptions> {
  if (!executor.isTransaction) return endpointSubscriptions(executor, workspaceId);
  let byWorkspace = perTransaction.get(executor);
  if (!byWorkspace)
    perTransaction.set(executor, (byWorkspace = new Map<string, ReturnType<typeof endpointSubscriptions>>()));
  let hit = byWorkspace.get(workspaceId);
  if (!hit) byWorkspace.set(workspaceId, (hit = endpointSubscriptions(executor, workspaceId)));
  return hit;
}
