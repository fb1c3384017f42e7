import { ACCOUNT_CHANGE_FIELDS } from "../../channels/index.js";
import { MAX_JSON_DEPTH, valueDepthExceeds } from "../../platform/json-depth.js";
import { arr, obj, str, type EventContext } from "./event-context.js";
import { handleAccountChange } from "./handle-account.js";
import { handleMessagesChange, handleUserPreferences } from "./handle-messages.js";

export type EventOutcome = { state: "done"; changes: number } | { state: "invalid"; reason: string };

/**
 * One stored POST from Meta, inside the processing transaction. The envelope is read piece by
 * piece: one malformed change (or one unknown field among Meta's ~20) never costs the other
 * changes of a batch of up to 1,000, and what cannot be delivered is flagged, not dropped.
 * Everything it writes is idempotent (dedupe on Meta's ids), so running it again is safe.
 */
export async function processEvent(ctx: EventContext, body: string): Promise<EventOutcome> {
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    ctx.flag("invalid_payload", {}, "the body is not JSON");
    return { state: "invalid", reason: "the body is not JSON" };
  }
  // Stored as Meta signed it (the receiver never parses), but the handlers recurse (validation,
  // re-serialising content): a body nested past any real notification fails here, alone, for good.
  if (valueDepthExceeds(payload, MAX_JSON_DEPTH)) {
    const reason = `the body nests deeper than ${MAX_JSON_DEPTH} levels`;
    ctx.flag("invalid_payload", {}, reason);
    return { state: "invalid", reason };
  }
  const root = obj(payload);
  if (!root || root.object !== "whatsapp_business_account" || !Array.isArray(root.entry)) {
    ctx.flag("invalid_payload", {}, "not a whatsapp_business_account notification");
    return { state: "invalid", reason: "not a whatsapp_business_account notification" };
  }
  let changes = 0;
  for (const rawEntry of root.entry) {
    const entry = obj(rawEntry);
    const wabaId = str(entry?.id);
    if (!entry || !wabaId || wabaId.length > 64) {
      ctx.flag("invalid_entry", {}, "an entry without its WABA id");
      continue;
    }
    for (const rawChange of arr(entry.changes)) {
      const change = obj(rawChange);
      const field = str(change?.field);
      if (!change || !field) {
        ctx.flag("invalid_change", { wabaId }, "a change without its field");
        continue;
      }
      changes += 1;
      if (field === "messages") await handleMessagesChange(ctx, wabaId, change.value);
      else if (field === "user_preferences") await handleUserPreferences(ctx, wabaId, change.value);
      else if (ACCOUNT_CHANGE_FIELDS.has(field)) await handleAccountChange(ctx, wabaId, field, change.value);
      // Other fields (security, history, smb_* ...) are kept in the raw event and not acted on.
    }
  }
  return { state: "done", changes };
}
