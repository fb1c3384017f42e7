import type { PhoneNumber } from "../../channels/index.js";
import { healthFromMeta, pauseReasons } from "./health-fields.js";
import type { AnyDb, Executor } from "../../platform/db/index.js";
import { typed } from "../../platform/db/index.js";
import { AppError } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { getActivePhoneNumber } from "./activate-phone-number.js";
import { updatePhoneNumberHealth, type PhoneNumberRow } from "./phone-numbers.repo.js";

export { healthFromMeta, pauseReasons };
import type { WorkspaceChannelDeps } from "./workspace-channel.js";

/** For the dispatcher: the number is active and may send now, or a refusal that holds its messages. */
export async function getSendingPhoneNumber(
  deps: Pick<WorkspaceChannelDeps, "db">,
  workspaceId: WorkspaceId,
  idOrMetaId: string,
): Promise<PhoneNumberRow> {
  const row = await getActivePhoneNumber(deps, workspaceId, idOrMetaId);
  const reasons = pauseReasons(row);
  if (reasons.length > 0)
    throw new AppError("PHONE_NUMBER_PAUSED", `${row.display_phone_number} is paused: ${reasons.join(" ")}`, {
      details: { reasons },
    });
  return row;
}

// cross-tenant: Meta's health of a number is read by Meta's id; every workspace's copy of it changes
async function rowsOfMetaNumber(db: AnyDb | Executor, metaPhoneNumberId: string): Promise<PhoneNumberRow[]> {
  return typed<{ phone_numbers: PhoneNumberRow }>(db)
    .selectFrom("phone_numbers")
    .selectAll()
    .where("meta_phone_number_id", "=", metaPhoneNumberId)
    .execute();
}

/**
 * Stores Meta's view of a number (quality, limit, status, health) and announces what changed:
 * `phone_number.health_changed`, and `phone_number.sending` when it pauses or resumes.
 */
export async function applyNumberHealth(
  deps: Pick<WorkspaceChannelDeps, "db" | "clock" | "events">,
  node: PhoneNumber,
  messagingLimit?: string | null,
): Promise<void> {
  const now = deps.clock.now();
  await deps.events.transaction(deps.db, async (trx) => {
    const before = await rowsOfMetaNumber(trx, node.id);
    await updatePhoneNumberHealth(
      trx,
      node.id,
      {
        quality_rating: node.quality_rating,
        messaging_limit: messagingLimit ?? node.whatsapp_business_manager_messaging_limit ?? node.messaging_limit_tier,
        status: node.status,
        ...(node.health_status ? healthFromMeta(node) : {}),
      },
      now,
    );
    const after = new Map((await rowsOfMetaNumber(trx, node.id)).map((r) => [r.id, r]));
    for (const b of before) {
      const a = after.get(b.id);
      if (!a) continue;
      const ws = a.workspace_id as WorkspaceId;
      await deps.events.recordEvent(trx, ws, {
        type: "phone_number.health_changed",
        at: now,
        data: { id: a.id, qualityRating: a.quality_rating, messagingLimit: a.messaging_limit, status: a.status },
      });
      const was = pauseReasons(b);
      const is = pauseReasons(a);
      if (was.length > 0 !== is.length > 0 || (is.length > 0 && is.join() !== was.join()))
        await deps.events.recordEvent(trx, ws, {
          type: "phone_number.sending",
          at: now,
          data: { id: a.id, paused: is.length > 0, reasons: is },
        });
    }
  });
}
