import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import { newId, randomToken, type Vault } from "../../platform/crypto/index.js";
import { AppError, notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import {
  attemptsOf,
  cancelPendingDeliveries,
  listDeliveryRows,
  redeliver,
  type DeliveryRow,
} from "./deliveries.repo.js";
import type { TargetGuard } from "./target-guard.js";
import {
  deleteEndpointRow,
  findEndpointRow,
  insertEndpoint,
  listEndpointRows,
  type EndpointRow,
} from "./endpoints.repo.js";

export const SECRET_PURPOSE = "webhook_endpoint_secret";

export interface Endpoint {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  createdAt: number;
}

const view = (r: EndpointRow): Endpoint => ({
  id: r.id,
  url: r.url,
  events: JSON.parse(r.events) as string[],
  description: r.description,
  createdAt: Number(r.created_at),
});

export type EndpointDeps = {
  db: AnyDb;
  vault: Vault;
  clock: Clock;
  targets: Pick<TargetGuard, "check">;
  /** After an endpoint is made: this process's delivery worker listens for the workspace's events from now on. */
  onEndpointCreated?: () => void;
};

/** The secret is shown once, here; afterwards only the vault can open it (to sign deliveries). */
export async function createEndpoint(
  deps: EndpointDeps,
  workspaceId: WorkspaceId,
  input: { url: string; events: string[]; description?: string | undefined },
): Promise<Endpoint & { secret: string }> {
  const url = new URL(input.url);
  if (url.username || url.password)
    throw new AppError(
      "VALIDATION_FAILED",
      "url: put no credentials in the URL; verify the Wharf-Signature header instead.",
      { details: [{ field: "url", message: "credentials not allowed" }] },
    );
  // Checked here so a tenant hears it now; checked again at every delivery, since DNS answers change.
  const refused = await deps.targets.check(url.toString());
  if (refused)
    throw new AppError("TARGET_NOT_ALLOWED", `url: ${refused}. Use a public http(s) address of your own system.`, {
      details: [{ field: "url", message: refused }],
    });
  const now = deps.clock.now();
  const id = newId("whe", now);
  const secret = `whsec_${randomToken(24)}`;
  const row: EndpointRow = {
    id,
    workspace_id: workspaceId,
    url: url.toString(),
    events: JSON.stringify([...new Set(input.events)]),
    description: input.description ?? null,
    secret_sealed: await deps.vault.seal(workspaceId, SECRET_PURPOSE, id, secret),
    created_at: now,
    updated_at: now,
  };
  await deps.db.transaction().execute((trx) => insertEndpoint(trx, workspaceId, row));
  deps.onEndpointCreated?.();
  return { ...view(row), secret };
}

export async function listEndpoints(db: AnyDb, workspaceId: WorkspaceId): Promise<Endpoint[]> {
  return (await listEndpointRows(db, workspaceId)).map(view);
}

export async function getEndpoint(db: AnyDb, workspaceId: WorkspaceId, id: string): Promise<Endpoint> {
  const row = await findEndpointRow(db, workspaceId, id);
  if (!row) throw notFound("The webhook endpoint");
  return view(row);
}

/** Deleting stops its pending deliveries; the delivery log of what was already sent is kept. */
export async function deleteEndpoint(db: AnyDb, workspaceId: WorkspaceId, id: string): Promise<void> {
  const deleted = await db.transaction().execute(async (trx) => {
    const ok = await deleteEndpointRow(trx, workspaceId, id);
    if (ok) await cancelPendingDeliveries(trx, workspaceId, id);
    return ok;
  });
  if (!deleted) throw notFound("The webhook endpoint");
}

export interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  state: DeliveryRow["state"];
  attempts: Array<{ at: number; status: number | null; error: string | null; durationMs: number }>;
  nextAttemptAt: number | null;
  createdAt: number;
  deliveredAt: number | null;
}

export async function listDeliveries(
  db: AnyDb,
  workspaceId: WorkspaceId,
  endpointId: string,
  page: { cursor?: string | undefined; limit: number },
): Promise<{ data: Delivery[]; nextCursor: string | null }> {
  await getEndpoint(db, workspaceId, endpointId);
  const rows = await listDeliveryRows(db, workspaceId, endpointId, {
    limit: page.limit + 1,
    ...(page.cursor ? { before: page.cursor } : {}),
  });
  const shown = rows.slice(0, page.limit);
  const attempts = await attemptsOf(
    db,
    workspaceId,
    shown.map((r) => r.id),
  );
  const data = shown.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    eventType: r.event_type,
    state: r.state,
    attempts: attempts
      .filter((a) => a.delivery_id === r.id)
      .map((a) => ({ at: Number(a.at), status: a.status, error: a.error, durationMs: Number(a.duration_ms) })),
    nextAttemptAt: r.state === "pending" ? Number(r.run_at) : null,
    createdAt: Number(r.created_at),
    deliveredAt: r.delivered_at === null ? null : Number(r.delivered_at),
  }));
  return { data, nextCursor: rows.length > page.limit ? shown[shown.length - 1]!.id : null };
}

export async function redeliverDelivery(
  deps: { db: AnyDb; clock: Clock },
  workspaceId: WorkspaceId,
  endpointId: string,
  deliveryId: string,
): Promise<void> {
  if (!(await redeliver(deps.db, workspaceId, endpointId, deliveryId, deps.clock.now())))
    throw notFound("The delivery");
}
