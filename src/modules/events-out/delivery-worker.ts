import { hostname } from "node:os";
import type { Logger } from "pino";
import { Agent, fetch as undiciFetch } from "undici";
import type { AnyDb, DialectName } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import { randomToken, type Vault } from "../../platform/crypto/index.js";
import { asWorkspaceId } from "../../platform/workspace-id.js";
import { claimDeliveries, settleDelivery as settleRow, type DeliveryRow } from "./deliveries.repo.js";
import { signDelivery, SIGNATURE_HEADER } from "./delivery-signature.js";
import { findEndpointRow } from "./endpoints.repo.js";
import { SECRET_PURPOSE } from "./manage-endpoints.js";
import { pollLoop, type LoopObserver, type PollLoop } from "../../platform/queue/index.js";
import type { Metrics } from "../../platform/observability/index.js";
import { createTargetGuard, TargetRefusedError, type Resolve, type TargetPolicy } from "./target-guard.js";

export const RETRY_FOR_MS = 24 * 60 * 60_000;

export interface DeliveryWorkerOptions {
  pollMs: number;
  leaseMs?: number;
  batch?: number;
  timeoutMs?: number;
  random?: () => number;
  /** Sandbox and tests post to 127.0.0.1; production refuses private and local targets (target-guard.ts). */
  allowPrivateTargets?: boolean;
  /** Sandbox mode: Wharf's own server, whose /_meta no delivery may reach. */
  ownOrigin?: TargetPolicy["ownOrigin"];
  /** DNS, replaceable in tests (a rebinding resolver); the system resolver otherwise. */
  resolve?: Resolve;
}

export const targetPolicyOf = (
  options: Pick<DeliveryWorkerOptions, "allowPrivateTargets" | "ownOrigin">,
): TargetPolicy => ({ allowPrivate: options.allowPrivateTargets ?? false, ownOrigin: options.ownOrigin ?? null });

/** Why a fetch failed, in words for the delivery log: undici wraps the socket's error as the cause. */
function failureOf(err: unknown, timeoutMs: number): { error: string; refused: TargetRefusedError | null } {
  const cause = err instanceof Error ? err.cause : undefined;
  if (cause instanceof TargetRefusedError) return { error: cause.message, refused: cause };
  if (err instanceof TargetRefusedError) return { error: err.message, refused: err };
  if (err instanceof Error && err.name === "TimeoutError")
    return { error: `no answer within ${timeoutMs} ms`, refused: null };
  const detail =
    cause instanceof Error
      ? `${err instanceof Error ? err.message : String(err)}: ${cause.message}`
      : err instanceof Error
        ? err.message
        : String(err);
  return { error: detail, refused: null };
}

/** 10 s, 20 s, 40 s … capped at an hour, with jitter; about 30 attempts over the day. */
export function deliveryBackoff(attempt: number, random: () => number): number {
  const ceiling = Math.min(3_600_000, 10_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

/**
 * Posts owed events to the workspaces' endpoints: signed, with a timeout, any 2xx is success;
 * anything else is retried with backoff until a day after the event, then marked failed. Every
 * attempt is logged (GET /v1/webhook-endpoints/{id}/deliveries). Several workers share the queue
 * through leases, so a delivery is attempted by one of them at a time.
 */
export function createDeliveryWorker(
  deps: {
    db: AnyDb;
    dialect: DialectName;
    vault: Vault;
    clock: Clock;
    logger?: Logger;
    metrics?: LoopObserver["metrics"] & Partial<Pick<Metrics, "eventsOutDelivery">>;
  },
  options: DeliveryWorkerOptions,
): PollLoop & { runOnce(): Promise<number> } {
  const owner = `${hostname()}:${process.pid}:${randomToken(5)}`;
  const batch = options.batch ?? 20;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const random = options.random ?? Math.random;
  const guard = createTargetGuard(targetPolicyOf(options), options.resolve);
  // Every delivery socket resolves its host through the guard and connects to the address it vetted.
  const agent = new Agent({ connect: { lookup: guard.lookup, timeout: timeoutMs }, connections: 8 });

  /** Every attempt ends here, so /metrics counts each by what became of the delivery. */
  async function settleDelivery(...args: Parameters<typeof settleRow>): Promise<void> {
    await settleRow(...args);
    const next = args[4];
    deps.metrics?.eventsOutDelivery?.(next.state === "pending" ? "retry" : next.state);
  }

  async function attempt(row: DeliveryRow): Promise<void> {
    const workspaceId = asWorkspaceId(row.workspace_id);
    const endpoint = await findEndpointRow(deps.db, workspaceId, row.endpoint_id);
    const started = deps.clock.now();
    if (!endpoint)
      return settleDelivery(
        deps.db,
        row,
        owner,
        { at: started, status: null, error: "endpoint deleted", duration_ms: 0 },
        { state: "cancelled", runAt: started, deliveredAt: null },
      );
    let status: number | null = null;
    let error: string | null = null;
    const refused = guard.checkUrl(endpoint.url);
    if (refused)
      return settleDelivery(
        deps.db,
        row,
        owner,
        { at: started, status: null, error: refused, duration_ms: 0 },
        { state: "failed", runAt: started, deliveredAt: null },
      );
    try {
      const secret = await deps.vault.open(workspaceId, SECRET_PURPOSE, endpoint.id, endpoint.secret_sealed);
      const res = await undiciFetch(endpoint.url, {
        dispatcher: agent,
        method: "POST",
        // A redirect is an answer, never followed: it could point anywhere the guard did not check.
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          "content-type": "application/json",
          "user-agent": "Wharf-Webhooks/1",
          [SIGNATURE_HEADER]: signDelivery(row.payload, secret, started),
          "wharf-event-id": row.event_id,
          "wharf-event-type": row.event_type,
          "wharf-delivery-id": row.id,
        },
        body: row.payload,
      });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (err) {
      const failure = failureOf(err, timeoutMs);
      error = failure.error;
      // A private address stays private: no point retrying for a day.
      if (failure.refused && !failure.refused.retryable)
        return settleDelivery(
          deps.db,
          row,
          owner,
          { at: started, status: null, error, duration_ms: 0 },
          { state: "failed", runAt: started, deliveredAt: null },
        );
    }
    const now = deps.clock.now();
    const log = { at: started, status, error, duration_ms: Math.max(0, now - started) };
    if (error === null)
      return settleDelivery(deps.db, row, owner, log, { state: "delivered", runAt: now, deliveredAt: now });
    const next = now + deliveryBackoff(row.attempts, random);
    const giveUp = next > Number(row.created_at) + RETRY_FOR_MS;
    await settleDelivery(deps.db, row, owner, log, {
      state: giveUp ? "failed" : "pending",
      runAt: giveUp ? now : next,
      deliveredAt: null,
    });
  }

  async function runOnce(): Promise<number> {
    const rows = await claimDeliveries(deps.db, deps.dialect, {
      owner,
      now: deps.clock.now(),
      leaseMs: options.leaseMs ?? timeoutMs * 3,
      limit: batch,
    });
    await Promise.all(
      rows.map((r) =>
        attempt(r).catch((err) => deps.logger?.warn({ err, deliveryId: r.id }, "webhook delivery bookkeeping failed")),
      ),
    );
    return rows.length;
  }
  const loop = pollLoop(
    async () => (await runOnce()) === batch,
    { name: "webhook-delivery", pollMs: options.pollMs },
    deps,
  );
  return {
    ...loop,
    runOnce,
    async stop() {
      await loop.stop();
      await agent.close();
    },
  };
}
