import type { Executor } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import {
  adoptUnknownSends,
  advanceStatus,
  advanceStatusMany,
  insertEvents,
  lockStatusTargets,
  STATUS_RANK,
  type MessageEventRow,
  type MessageRow,
} from "./messages.repo.js";
import { adoptInDoubtSends } from "./adopt-in-doubt-sends.js";

export interface StatusUpdateInput {
  wamid: string;
  status: "sent" | "delivered" | "read" | "failed";
  /** Meta's timestamp, ms. */
  timestamp: number;
  /** For failed: Meta's first error. */
  error?: { code: number; title?: string | null; message?: string | null; details?: string | null } | null;
  /**
   * Meta's echo of the send's `biz_opaque_callback_data`, which Wharf sets to its message id: how a
   * send that got no answer (`unknown`, so no wamid stored) is recognised.
   */
  callbackData?: string | null;
  /**
   * Meta's `pricing` of a sent/delivered status, passed on in the `message.status` event (not stored).
   * `type` (regular, free_customer_service, free_entry_point) is in webhooks from v24.0 only: null
   * under an older configured Graph version.
   */
  pricing?: {
    billable: boolean | null;
    category: string | null;
    pricingModel: string | null;
    type: string | null;
  } | null;
}

export type StatusUpdateResult =
  | { found: false }
  | {
      found: true;
      messageId: string;
      campaignId: string | null;
      changed: boolean;
      previous: MessageRow["status"];
      status: MessageRow["status"];
    };

/**
 * Applies statuses from Meta's webhooks, in the caller's transaction. sent < delivered < read never
 * goes backwards whatever order they arrive in; failed is terminal. Every status is kept once in
 * the message's timeline. `found: false` means the wamid is not (yet) ours: the send's response may
 * not be stored yet, so the caller should retry the status later rather than drop it.
 *
 * The messages are locked first, all of them, in id order (`lockStatusTargets`), and each one's
 * statuses are then applied in the order they came: a batch never waits for a message while
 * holding one that the other transaction needs next, whatever order its statuses are in. The
 * writes are batched: the timeline rows in one statement per 100, the moves in one per status
 * and Meta timestamp (a message per statement for failures), so a batch of webhooks costs a few
 * statements instead of two per status.
 *
 * A wamid no message has yet, whose status echoes a Wharf message id (`callbackData`), may be a
 * send held as `unknown`: it gets its wamid here (`adoptUnknownSends`) and the status applies.
 * So may a send whose dispatcher died before recording Meta's answer (its outbox row in doubt,
 * `adoptInDoubtSends`): it gets its wamid the same way and is never sent again. Only the statuses
 * of such sends take these steps, so they cost the common batch nothing.
 */
export async function applyStatusUpdates(
  trx: Executor,
  deps: { clock: Clock },
  workspaceId: WorkspaceId,
  inputs: StatusUpdateInput[],
): Promise<StatusUpdateResult[]> {
  const targets = await lockStatusTargets(trx, workspaceId, [...new Set(inputs.map((i) => i.wamid))]);
  const known = new Set(targets.map((t) => t.wamid));
  const orphans = new Map<string, string>();
  for (const i of inputs) if (!known.has(i.wamid) && i.callbackData) orphans.set(i.wamid, i.callbackData);
  if (orphans.size > 0) {
    const pairs = [...orphans].map(([wamid, id]) => ({ id, wamid }));
    const adopted = await adoptUnknownSends(trx, workspaceId, pairs, deps.clock.now());
    const rest = pairs.filter((p) => !adopted.includes(p.id));
    if (rest.length > 0) adopted.push(...(await adoptInDoubtSends(trx, workspaceId, rest, deps.clock.now())));
    if (adopted.length > 0) {
      const wamids = pairs.filter((p) => adopted.includes(p.id)).map((p) => p.wamid);
      targets.push(...(await lockStatusTargets(trx, workspaceId, wamids)));
    }
  }
  const byWamid = new Map(targets.map((t, order) => [t.wamid, { ...t, order }]));
  const results: StatusUpdateResult[] = inputs.map(() => ({ found: false }));
  const todo = inputs
    .map((input, index) => ({ input, index, message: byWamid.get(input.wamid) }))
    .filter((t) => t.message !== undefined && t.message.direction === "outbound")
    // Stable: a message's statuses keep their order of arrival.
    .sort((a, b) => a.message!.order - b.message!.order || a.index - b.index);
  if (todo.length === 0) return results;

  // Every status once in the timeline, whether or not it moves the message: one statement per 100.
  const seen = new Set<string>();
  const timeline: MessageEventRow[] = [];
  for (const { input, message } of todo) {
    const key = `${message!.id} ${input.status}`;
    if (seen.has(key)) continue;
    seen.add(key);
    timeline.push({
      message_id: message!.id,
      status: input.status,
      at: input.timestamp,
      detail: input.error ? JSON.stringify(input.error) : null,
    });
  }
  await insertEvents(trx, timeline);

  // The rows are locked (or, on SQLite, read in this write transaction), so whether a status moves
  // its message is known here: it does when it ranks above every status before it. Each message is
  // then written once, with the last status that moved it - what applying them one by one leaves.
  const last = new Map<string, { message: Target; input: StatusUpdateInput }>();
  for (const { input, index, message } of todo) {
    const m = message!;
    const previous = m.status;
    const changed = STATUS_RANK[input.status] > STATUS_RANK[m.status];
    if (changed) {
      m.status = input.status;
      last.set(m.id, { message: m, input });
    }
    results[index] = { found: true, messageId: m.id, campaignId: m.campaign_id, changed, previous, status: m.status };
  }
  await writeAdvances(trx, deps, workspaceId, [...last.values()]);
  return results;
}

type Target = Awaited<ReturnType<typeof lockStatusTargets>>[number];

/**
 * One statement per status and Meta timestamp for the messages that moved (a failure, with its
 * error, one per message). Still conditional on the rank; since the rows are locked, a row that
 * does not move means the lock did not hold, and the batch is rolled back rather than report a
 * change that was not written.
 */
async function writeAdvances(
  trx: Executor,
  deps: { clock: Clock },
  workspaceId: WorkspaceId,
  advances: Array<{ message: Target; input: StatusUpdateInput }>,
): Promise<void> {
  const now = deps.clock.now();
  const groups = new Map<string, { status: StatusUpdateInput["status"]; timestamp: number; ids: string[] }>();
  let expected = 0;
  let moved = 0;
  for (const { message, input } of advances) {
    if (input.status === "failed") {
      expected++;
      if (await advanceOne(trx, now, workspaceId, message.id, input)) moved++;
      continue;
    }
    const key = `${input.status} ${input.timestamp}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { status: input.status, timestamp: input.timestamp, ids: [] }));
    group.ids.push(message.id);
  }
  for (const g of groups.values()) {
    expected += g.ids.length;
    moved += await advanceStatusMany(trx, workspaceId, g.ids, g.status, g.timestamp, now);
  }
  if (moved !== expected)
    throw new Error(`status batch: ${expected} locked messages should have moved, ${moved} did; rolled back`);
}

/** One status, for callers that have one; a batch should go through `applyStatusUpdates`. */
export async function applyStatusUpdate(
  trx: Executor,
  deps: { clock: Clock },
  workspaceId: WorkspaceId,
  input: StatusUpdateInput,
): Promise<StatusUpdateResult> {
  return (await applyStatusUpdates(trx, deps, workspaceId, [input]))[0]!;
}

function advanceOne(
  trx: Executor,
  now: number,
  workspaceId: WorkspaceId,
  messageId: string,
  input: StatusUpdateInput,
): Promise<boolean> {
  const err = input.error;
  return advanceStatus(
    trx,
    workspaceId,
    messageId,
    input.status,
    {
      meta_timestamp: input.timestamp,
      ...(input.status === "failed" && err
        ? {
            error_code: "META_DELIVERY_FAILED",
            error_message: err.details ?? err.message ?? err.title ?? `Meta error ${err.code}`,
            meta_error_code: err.code,
            meta_error_title: err.title ?? null,
          }
        : {}),
    },
    now,
  );
}
