import type { WorkspaceId } from "../../platform/workspace-id.js";
import { claimTokenExpiryWarning, findConnection } from "./connection.repo.js";
import type { WorkspaceChannelDeps } from "./workspace-channel.js";

/** How long before its expiry a token is announced: the check runs every 6 hours, admins need days. */
export const TOKEN_WARNING_MS = 7 * 24 * 3_600_000;

/**
 * Records `connection.token_expiring` once for a connected workspace whose token expires within
 * TOKEN_WARNING_MS. Business (system-user) tokens from Embedded Signup never expire and are never
 * announced; a long-lived user token (about 60 days, Meta's `fb_exchange_token`) is, a week ahead.
 */
export async function warnIfTokenExpiring(
  deps: Pick<WorkspaceChannelDeps, "db" | "clock" | "events">,
  workspaceId: WorkspaceId,
): Promise<boolean> {
  const conn = await findConnection(deps.db, workspaceId);
  const expiresAt = conn?.token_expires_at ?? null;
  const now = deps.clock.now();
  if (conn?.status !== "connected" || expiresAt === null || expiresAt - now > TOKEN_WARNING_MS) return false;
  if (conn.token_expiry_warned_for === expiresAt) return false;
  return deps.events.transaction(deps.db, async (trx) => {
    if (!(await claimTokenExpiryWarning(trx, workspaceId, expiresAt, now))) return false;
    await deps.events.recordEvent(trx, workspaceId, {
      type: "connection.token_expiring",
      at: now,
      data: { expiresAt: new Date(expiresAt).toISOString() },
    });
    return true;
  });
}
