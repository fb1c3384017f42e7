import type { AnyDb } from "../../../platform/db/index.js";
import type { Clock } from "../../../platform/clock.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";
import { listPhoneNumberRows, portfolioKey, portfolioPhoneNumberIds } from "../../connection/index.js";
import { portfolioReach, tierLimit } from "./messaging-limit.js";

/**
 * GET /v1/messaging-limit: the business portfolio's messaging limit and how much of it the moving
 * 24 hours used. Meta sets the limit on the portfolio and all its numbers share it (messaging-limits
 * doc, since 2025-10-07), so the usage counts the unique customers reached business-initiated from
 * any of the portfolio's numbers Wharf holds, in whichever workspace: what Meta counts too.
 * `limit` is null for an unlimited tier; the whole answer is null before any number is known.
 */
export async function messagingLimitUsage(deps: { db: AnyDb; clock: Clock }, workspaceId: WorkspaceId) {
  const rows = await listPhoneNumberRows(deps.db, workspaceId);
  if (rows.length === 0) return { portfolio: null };
  // At v24 every number reports the portfolio's one tier; an older v23 tier may differ per number,
  // and Meta set each portfolio to the highest of its numbers' (upcoming-messaging-limits-changes doc).
  const top = rows.reduce((a, b) => (tierLimit(b.messaging_limit) > tierLimit(a.messaging_limit) ? b : a));
  const now = deps.clock.now();
  const phoneNumberIds = await portfolioPhoneNumberIds(deps.db, top);
  const used = await portfolioReach(deps.db, { key: portfolioKey(top), phoneNumberIds }, now);
  const limit = tierLimit(top.messaging_limit);
  return {
    portfolio: {
      businessId: top.business_id,
      wabaId: top.waba_id,
      tier: top.messaging_limit,
      limit: Number.isFinite(limit) ? limit : null,
      used,
      windowHours: 24,
      phoneNumbers: phoneNumberIds.length,
    },
  };
}
