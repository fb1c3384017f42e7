import type { AnyDb } from "../../platform/db/index.js";
import { AppError } from "../../platform/errors/index.js";
import { countUnmatched } from "./unmatched-statuses.repo.js";
import { countEventsByState, listFlags, type WebhookFlagRow } from "./webhook-events.repo.js";

/** For the operator (all workspaces): is ingestion keeping up, and what could not be delivered. */
export async function webhookStats(
  db: AnyDb,
): Promise<{ events: Record<string, number>; unmatchedStatuses: Record<string, number> }> {
  const [events, unmatchedStatuses] = await Promise.all([countEventsByState(db), countUnmatched(db)]);
  return { events, unmatchedStatuses };
}

const encode = (f: WebhookFlagRow) => Buffer.from(`${f.created_at}:${f.event_id}:${f.seq}`).toString("base64url");

function decode(cursor: string): { createdAt: number; eventId: string; seq: number } {
  const m = /^(\d{1,16}):(evt_[0-9a-z]{1,40}):(\d{1,7})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!m)
    throw new AppError("VALIDATION_FAILED", "cursor: pass nextCursor from the previous page as it is.", {
      details: [{ field: "cursor", message: "invalid" }],
    });
  return { createdAt: Number(m[1]), eventId: m[2]!, seq: Number(m[3]) };
}

export async function recentFlags(
  db: AnyDb,
  page: { cursor?: string | undefined; limit: number },
): Promise<{ data: WebhookFlagRow[]; nextCursor: string | null }> {
  const rows = await listFlags(db, { limit: page.limit + 1, ...(page.cursor ? { before: decode(page.cursor) } : {}) });
  const data = rows.slice(0, page.limit);
  return { data, nextCursor: rows.length > page.limit ? encode(data[data.length - 1]!) : null };
}
