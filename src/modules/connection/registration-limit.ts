import { AppError } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { takeRegistrationCall, type PhoneNumberRow } from "./phone-numbers.repo.js";
import type { WorkspaceChannelDeps } from "./workspace-channel.js";

/**
 * Meta allows 10 register and deregister requests together per number in a moving 72-hour window;
 * one more is error 133016 and blocks the number for 72 hours (Cloud API "Registration"). Wharf
 * counts its own calls and refuses the eleventh itself, so the number is never blocked by Wharf.
 */
export const REGISTRATION_WINDOW_MS = 72 * 60 * 60_000;
export const MAX_REGISTRATION_CALLS = 10;

export async function spendRegistrationCall(
  deps: Pick<WorkspaceChannelDeps, "db" | "clock">,
  workspaceId: WorkspaceId,
  row: Pick<PhoneNumberRow, "id" | "display_phone_number">,
): Promise<void> {
  const now = deps.clock.now();
  const res = await takeRegistrationCall(
    deps.db,
    workspaceId,
    row.id,
    now,
    REGISTRATION_WINDOW_MS,
    MAX_REGISTRATION_CALLS,
  );
  if (res.taken) return;
  const oldest = Math.min(...res.calls);
  const retryAfterSeconds = Number.isFinite(oldest)
    ? Math.max(1, Math.ceil((oldest + REGISTRATION_WINDOW_MS - now) / 1000))
    : 60;
  throw new AppError(
    "REGISTRATION_LIMIT_REACHED",
    `${row.display_phone_number} was registered or deregistered ${MAX_REGISTRATION_CALLS} times in the last 72 hours, Meta's limit (one more would block it for 72 hours, error 133016); retry after ${new Date(now + retryAfterSeconds * 1000).toISOString()}.`,
    { retryAfterSeconds, details: { calls: res.calls.length, windowHours: 72 } },
  );
}
