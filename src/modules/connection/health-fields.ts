import type { PhoneNumber } from "../../channels/index.js";
import type { PhoneNumberRow } from "./phone-numbers.repo.js";

/** What Meta's `health_status` says, as the columns keep it. */
export function healthFromMeta(node: PhoneNumber): {
  can_send: string | null;
  health_reasons: string | null;
  name_status?: string | null;
} {
  const h = node.health_status;
  const reasons: string[] = [];
  for (const e of h?.entities ?? []) {
    if (e.can_send_message === "AVAILABLE") continue;
    for (const err of e.errors ?? [])
      reasons.push(
        `${e.entity_type}: ${err.error_description ?? "cannot send"}${err.error_code ? ` (${err.error_code})` : ""}`,
      );
    if (!e.errors?.length) reasons.push(`${e.entity_type}: ${e.can_send_message}`);
  }
  return {
    can_send: h?.can_send_message ?? null,
    health_reasons: JSON.stringify(reasons),
    ...(node.name_status !== undefined ? { name_status: node.name_status } : {}),
  };
}

/**
 * Why the number may not send now, or [] when it may. A number being deleted is paused from the
 * request on; a number Meta's health_status calls BLOCKED is paused until Meta says otherwise. Its
 * queued messages wait in the outbox (the dispatcher retries them without spending attempts).
 */
export function pauseReasons(row: Pick<PhoneNumberRow, "lifecycle" | "can_send" | "health_reasons">): string[] {
  if (row.lifecycle === "deletion_scheduled")
    return ["Deletion of the number is scheduled: messaging is paused; cancel the deletion to resume."];
  if (row.lifecycle === "deleted") return ["The number was deleted; add it again to use it."];
  if (row.can_send !== "BLOCKED") return [];
  const reasons = row.health_reasons ? (JSON.parse(row.health_reasons) as string[]) : [];
  return reasons.length > 0 ? reasons : ["Meta's health status says the number cannot send (BLOCKED)."];
}
