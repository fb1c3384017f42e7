import {
  verifyWebhookHandshake,
  verifyWebhookSignature,
  type WebhookHandshakeResult,
  type WebhookQuery,
} from "../../channels/index.js";
import type { AnyDb, DialectName } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import { newId } from "../../platform/crypto/index.js";
import { groupCommitter, type GroupCommitter } from "../../platform/db/index.js";
import { insertEvents } from "./webhook-events.repo.js";

export type ReceiveResult =
  { ok: true } | { ok: false; reason: "missing_header" | "malformed_header" | "signature_mismatch" };

export interface WebhookReceiver {
  /** Verifies Meta's signature over the exact bytes and, when it holds, stores them durably. */
  receive(rawBody: Buffer, signatureHeader: string | undefined): Promise<ReceiveResult>;
  /** Stores bytes another check already authenticated (a 360dialog channel's secret header). */
  storeAuthenticated(rawBody: Buffer): Promise<void>;
  handshake(query: WebhookQuery): WebhookHandshakeResult;
  /** Resolves when every accepted body so far is committed. */
  drain(): Promise<void>;
}

export interface ReceiverDeps {
  db: AnyDb;
  dialect: DialectName;
  clock: Clock;
  meta: { appSecret: string; verifyToken: string };
  /** After each commit, with how many events it stored: the processor may start before its next poll. */
  onStored?: (count: number) => void;
}

/**
 * The hot path of `POST /webhooks/meta`: an HMAC, then a group commit. The body is not parsed
 * here: anything Meta signed is kept (a payload we cannot read is still Meta's and is flagged by
 * the processor), and Meta gets its 200 only once the bytes are on disk.
 */
export function webhookReceiver(
  deps: ReceiverDeps,
  options: { waitMs?: number; maxBatch?: number } = {},
): WebhookReceiver {
  const committer: GroupCommitter<{ received_at: number; body: string }> = groupCommitter({
    // PostgreSQL: one statement, atomic without BEGIN/COMMIT (two round trips fewer per batch).
    flush: (rows) =>
      deps.dialect === "postgres"
        ? insertEvents(deps.db, withIds(rows, deps.clock.now()))
        : deps.db.transaction().execute((trx) => insertEvents(trx, withIds(rows, deps.clock.now()))),
    flushed: (count) => deps.onStored?.(count),
    maxBatch: Math.min(options.maxBatch ?? 500, 32_768),
    // SQLite has one writer; a PostgreSQL pool takes a few batches side by side.
    maxConcurrent: deps.dialect === "sqlite" ? 1 : 4,
    waitMs: options.waitMs ?? 0,
  });
  return {
    async receive(rawBody, signatureHeader) {
      const check = verifyWebhookSignature(rawBody, signatureHeader, deps.meta.appSecret);
      if (!check.ok) return check;
      await committer.add({ received_at: deps.clock.now(), body: rawBody.toString("utf8") });
      return { ok: true };
    },
    async storeAuthenticated(rawBody) {
      await committer.add({ received_at: deps.clock.now(), body: rawBody.toString("utf8") });
    },
    handshake: (query) => verifyWebhookHandshake(query, deps.meta.verifyToken),
    drain: () => committer.drain(),
  };
}

const BASE32 = "0123456789abcdefghjkmnpqrstvwxyz";

/**
 * Ids for one batch from one random draw: a fresh `evt_` id whose last three characters count the
 * batch's rows, so the ids keep our format, sort in arrival order within the batch, and keep 65
 * random bits. (A random draw per request cost ~10% of the ingest CPU.)
 */
function withIds<T extends { received_at: number }>(rows: T[], now: number): Array<T & { id: string }> {
  const base = newId("evt", now).slice(0, -3);
  return rows.map((r, i) => ({ ...r, id: base + BASE32[(i >> 10) & 31]! + BASE32[(i >> 5) & 31]! + BASE32[i & 31]! }));
}
