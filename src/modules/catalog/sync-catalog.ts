import { randomUUID } from "node:crypto";
import { isChannelError, type BatchStatus } from "../../channels/index.js";
import { AppError } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { catalogForWorkspace, findConnection } from "../connection/index.js";
import type { CatalogDeps } from "./catalog-deps.js";
import {
  claimPendingProducts,
  inFlightHandles,
  releaseBatch,
  renameHandle,
  settleBatch,
  type ProductRow,
} from "./catalog.repo.js";
import { rowContent, toMetaItem } from "./product-fields.js";
import {
  acquireSyncLease,
  releaseSyncLease,
  renewSyncLease,
  setSyncState,
  type SyncCounts,
} from "./sync-state.repo.js";

export type SyncOutcome =
  | { result: "done"; counts: SyncCounts }
  | { result: "busy" }
  | { result: "paused"; reason: string }
  | { result: "not_connected" };

type Catalog = Awaited<ReturnType<typeof catalogForWorkspace>>;

/** Our own handle for a batch between claiming its products and Meta's answer. */
const PROVISIONAL = "wharf:";

/** The sync stopped: another process took the catalog's lease after this one stalled. */
class LeaseLost extends Error {}

/**
 * Pushes what changed in a workspace's products to its Meta catalog: products whose content hash
 * differs from the one Meta confirmed go in `items_batch` calls of at most `batchSize` requests
 * (UPDATE with allow_upsert, DELETE for tombstones), each polled with `check_batch_request_status`
 * until Meta finished it, and each item's result is written back (synced, or error with Meta's
 * message). One process at a time per catalog (the lease in `catalog_syncs`). A 190 on the
 * catalog token pauses the sync and leaves every product as it was; transient failures throw
 * (the job retries with backoff) and leave unconfirmed products to the next run.
 */
export async function syncCatalog(
  deps: Omit<CatalogDeps, "syncJob">,
  workspaceId: WorkspaceId,
  owner: string,
  signal?: AbortSignal,
): Promise<SyncOutcome> {
  const conn = await findConnection(deps.db, workspaceId);
  if (!conn?.catalog_id || conn.catalog_status === "none") return { result: "not_connected" };
  if (conn.catalog_status === "needs_reconnect") {
    await setSyncState(deps.db, workspaceId, "paused", conn.catalog_last_error, deps.clock.now());
    return { result: "paused", reason: conn.catalog_last_error ?? "the catalog token needs a reconnect" };
  }
  if (!(await acquireSyncLease(deps.db, workspaceId, owner, deps.clock.now(), deps.sync.leaseMs)))
    return { result: "busy" };
  const counts: SyncCounts = { sent: 0, synced: 0, failed: 0, deleted: 0 };
  const renew = async () => {
    if (!(await renewSyncLease(deps.db, workspaceId, owner, deps.clock.now() + deps.sync.leaseMs)))
      throw new LeaseLost("another process took over this catalog's sync");
  };
  try {
    const catalog = await catalogForWorkspace(deps, workspaceId);
    // A sync that stopped mid-way (crash, lost lease, a token revoked) left batches in flight.
    for (const handle of await inFlightHandles(deps.db, workspaceId)) {
      if (handle.startsWith(PROVISIONAL)) await releaseBatch(deps.db, workspaceId, handle, deps.clock.now());
      else await awaitBatch(deps, workspaceId, catalog, handle, new Map(), counts, renew, signal);
    }
    for (;;) {
      await renew();
      const provisional = `${PROVISIONAL}${randomUUID()}`;
      const rows = await deps.db
        .transaction()
        .execute((trx) => claimPendingProducts(trx, workspaceId, provisional, deps.sync.batchSize, deps.clock.now()));
      if (rows.length === 0) break;
      let handle: string;
      const early = new Map<string, Failure>();
      try {
        const res = await catalog.itemsBatch({
          item_type: "PRODUCT_ITEM",
          allow_upsert: true,
          requests: rows.map(toRequest),
        });
        handle = res.handles[0]!;
        for (const v of res.validation_status ?? []) {
          const first = (v.errors ?? [])[0] as { message?: unknown; code?: unknown } | undefined;
          if (v.retailer_id && first) early.set(v.retailer_id, failure(first.message, first.code));
        }
      } catch (err) {
        await releaseBatch(deps.db, workspaceId, provisional, deps.clock.now());
        throw err;
      }
      await deps.db.transaction().execute((trx) => renameHandle(trx, workspaceId, provisional, handle));
      counts.sent += rows.length;
      await awaitBatch(deps, workspaceId, catalog, handle, early, counts, renew, signal);
    }
    await releaseSyncLease(deps.db, workspaceId, owner, { state: "idle", now: deps.clock.now(), counts, error: null });
    return { result: "done", counts };
  } catch (err) {
    const now = deps.clock.now();
    if (err instanceof LeaseLost) return { result: "busy" };
    if (isChannelError(err, "auth_lapsed") || (err instanceof AppError && err.code === "CONNECTION_NEEDS_RECONNECT")) {
      // The catalog is marked needs_reconnect by the bound client; products keep their last status.
      const reason = err.message;
      await releaseSyncLease(deps.db, workspaceId, owner, { state: "paused", now, counts, error: reason });
      return { result: "paused", reason };
    }
    if (err instanceof AppError && err.code === "NOT_CONNECTED") {
      await releaseSyncLease(deps.db, workspaceId, owner, { state: "idle", now, error: null });
      return { result: "not_connected" };
    }
    await releaseSyncLease(deps.db, workspaceId, owner, {
      state: "idle",
      now,
      counts,
      error: err instanceof Error ? err.message : String(err),
    });
    throw err;
  }
}

interface Failure {
  code: number | null;
  message: string;
  /** Meta does not have the item: for a DELETE, that is success. */
  gone: boolean;
}

function failure(message: unknown, code: unknown): Failure {
  const text = typeof message === "string" && message !== "" ? message : "Meta rejected this item.";
  return {
    code: typeof code === "number" ? code : typeof code === "string" && /^\d+$/.test(code) ? Number(code) : null,
    message: text.slice(0, 1000),
    gone: /does not exist|not found/i.test(text),
  };
}

function toRequest(r: ProductRow) {
  if (r.deleted === 1) return { method: "DELETE" as const, data: { id: r.retailer_id } };
  return { method: "UPDATE" as const, data: toMetaItem(r.retailer_id, rowContent(r)) };
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new Error("the sync was stopped (shutdown)"));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error("the sync was stopped (shutdown)"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** Polls one batch until Meta finished it, then writes each item's result. */
async function awaitBatch(
  deps: Omit<CatalogDeps, "syncJob">,
  workspaceId: WorkspaceId,
  catalog: Catalog,
  handle: string,
  early: Map<string, Failure>,
  counts: SyncCounts,
  renew: () => Promise<void>,
  signal: AbortSignal | undefined,
): Promise<void> {
  const started = deps.clock.now();
  for (;;) {
    let status: BatchStatus | undefined;
    try {
      status = (await catalog.batchStatus(handle, { loadIdsOfInvalidRequests: true })).data[0];
    } catch (err) {
      // Meta no longer knows the handle (code 100): nothing of it was confirmed, send it again.
      if (isChannelError(err, "refused") && err.reason === "invalid_parameter") {
        await releaseBatch(deps.db, workspaceId, handle, deps.clock.now());
        return;
      }
      throw err;
    }
    const state = status?.status.toLowerCase();
    if (state === "finished" || state === "completed") {
      const failures = new Map(early);
      for (const e of status?.errors ?? []) {
        const issue = e as { id?: string; message: string; code?: unknown; error_code?: unknown };
        if (issue.id) failures.set(issue.id, failure(issue.message, issue.code ?? issue.error_code));
      }
      const done = await deps.db
        .transaction()
        .execute((trx) => settleBatch(trx, workspaceId, handle, failures, deps.clock.now()));
      counts.synced += done.synced;
      counts.failed += done.failed;
      counts.deleted += done.deleted;
      return;
    }
    if (state === "error" || state === "failed" || state === "cancelled") {
      await releaseBatch(deps.db, workspaceId, handle, deps.clock.now());
      throw new AppError(
        "META_UNAVAILABLE",
        `Meta could not process catalog batch ${handle} (${state}); it will be sent again.`,
      );
    }
    if (deps.clock.now() - started > deps.sync.maxWaitMs)
      throw new AppError(
        "META_UNAVAILABLE",
        `Meta is still processing catalog batch ${handle}; the next sync polls it again.`,
      );
    await renew();
    await sleep(deps.sync.pollMs, signal);
  }
}
