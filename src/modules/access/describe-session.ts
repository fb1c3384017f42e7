import type { AnyDb } from "../../platform/db/index.js";
import { type Role } from "../../platform/http/index.js";
import { AppError } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findUser, membersOf } from "./access.repo.js";
import { membershipsOf } from "./memberships.js";
import { DASHBOARD_LANGUAGES } from "./user-language.js";
import { findWorkspace } from "../workspaces/index.js";

/** What the dashboard needs to draw itself: who is logged in, their workspaces, the active one. */
export async function describeSession(db: AnyDb, userId: string, workspaceId: WorkspaceId, csrfToken: string) {
  const user = await findUser(db, userId);
  if (!user) throw new AppError("UNAUTHENTICATED", "The session's user no longer exists; log in again.");
  const workspaces = await membershipsOf(db, userId);
  const active = await findWorkspace(db, workspaceId);
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      language: DASHBOARD_LANGUAGES.find((l) => l === user.language) ?? null,
    },
    workspaces: workspaces.map((w) => ({ id: w.workspaceId, name: w.name, role: w.role })),
    activeWorkspaceId: workspaceId as string,
    // The active workspace's settings: its time zone, and the language for a browser Wharf cannot speak.
    workspaceSettings: { timeZone: active?.timeZone ?? "UTC", defaultLanguage: active?.defaultLanguage ?? "en" },
    csrfToken,
  };
}

export const listMembers = (
  db: AnyDb,
  workspaceId: WorkspaceId,
): Promise<Array<{ id: string; email: string; name: string; role: Role }>> => membersOf(db, workspaceId);

export async function findUserEmail(db: AnyDb, userId: string): Promise<string> {
  const user = await findUser(db, userId);
  if (!user) throw new AppError("UNAUTHENTICATED", "The session's user no longer exists; log in again.");
  return user.email;
}
