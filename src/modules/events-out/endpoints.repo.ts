import type { AnyDb, Executor } from "../../platform/db/index.js";
import { typed, workspaceTable } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

export interface EndpointRow {
  id: string;
  workspace_id: string;
  url: string;
  events: string;
  description: string | null;
  secret_sealed: string;
  created_at: number;
  updated_at: number;
}

interface Tables {
  webhook_endpoints: EndpointRow;
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);
const endpoints = workspaceTable<EndpointRow>({ table: "webhook_endpoints" });

export async function insertEndpoint(
  executor: Executor,
  workspaceId: WorkspaceId,
  row: Omit<EndpointRow, "workspace_id">,
): Promise<void> {
  await endpoints.insert(executor, workspaceId, row);
}

export async function listEndpointRows(db: AnyDb | Executor, workspaceId: WorkspaceId): Promise<EndpointRow[]> {
  return endpoints.list(db, workspaceId, {}, { orderBy: [["id", "asc"]] });
}

/** What the event recorder needs, on the hot path of webhook processing: two columns, one index. */
export async function endpointSubscriptions(
  executor: Executor,
  workspaceId: WorkspaceId,
): Promise<Array<Pick<EndpointRow, "id" | "events">>> {
  return q(executor)
    .selectFrom("webhook_endpoints")
    .select(["id", "events"])
    .where("workspace_id", "=", workspaceId)
    .execute();
}

export async function findEndpointRow(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  id: string,
): Promise<EndpointRow | null> {
  return endpoints.find(db, workspaceId, { id });
}

export async function deleteEndpointRow(executor: Executor, workspaceId: WorkspaceId, id: string): Promise<boolean> {
  return (await endpoints.delete(executor, workspaceId, { id })) > 0;
}

/** Which workspaces have any endpoint: what the delivery worker's "look now" is filtered by. */
// cross-tenant: ids only, for the worker that serves every workspace's deliveries
export async function workspacesWithEndpoints(db: AnyDb | Executor): Promise<Set<string>> {
  const rows = await q(db).selectFrom("webhook_endpoints").select("workspace_id").distinct().execute();
  return new Set(rows.map((r) => r.workspace_id));
}
