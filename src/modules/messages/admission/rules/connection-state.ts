import { AppError } from "../../../../platform/errors/index.js";

/**
 * Whether the workspace's connection to Meta can send now. Checked once per request or chunk,
 * not per recipient: every message of a workspace shares it. A campaign waits instead of failing.
 */
export function connectionRefusal(connection: { status: string } | null | undefined): AppError | null {
  if (connection?.status === "needs_reconnect")
    return new AppError(
      "CONNECTION_NEEDS_RECONNECT",
      "The Meta access token expired or was revoked; reconnect WhatsApp in Settings. Messages already queued are kept and sent after the reconnect.",
    );
  if (connection?.status !== "connected")
    return new AppError("NOT_CONNECTED", "Connect a WhatsApp Business Account first (Settings → WhatsApp Connection).");
  return null;
}
