import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import { hashPassword, newId } from "../../platform/crypto/index.js";
import type { Role } from "../../platform/http/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findUserByEmail, insertUser, upsertMembership } from "./access.repo.js";

/**
 * Adds a dashboard user to a workspace. An existing user (same email) gets the membership; their
 * password is left as it is, so one workspace's admin cannot reset another's user.
 */
export async function addUserToWorkspace(
  deps: { db: AnyDb; clock: Clock },
  workspaceId: WorkspaceId,
  input: { email: string; name: string; password: string; role: Role },
): Promise<{ id: string; email: string; name: string; role: Role; created: boolean }> {
  const email = input.email.trim().toLowerCase();
  const now = deps.clock.now();
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    const existing = await findUserByEmail(trx, email);
    const id = existing?.id ?? newId("usr", now);
    if (!existing)
      await insertUser(trx, {
        id,
        email,
        name: input.name,
        password_hash: passwordHash,
        created_at: now,
        updated_at: now,
      });
    await upsertMembership(trx, workspaceId, id, input.role, now);
    return { id, email, name: existing?.name ?? input.name, role: input.role, created: !existing };
  });
}
