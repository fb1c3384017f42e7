import type { AnyDb } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import { AppError } from "../../platform/errors/index.js";
import { updateUserLanguage } from "./access.repo.js";

import { WORKSPACE_LANGUAGES, type WorkspaceLanguage } from "../workspaces/index.js";

/** The languages the dashboard has a message catalog for (web/src/i18n): a workspace's default is one too. */
export const DASHBOARD_LANGUAGES = WORKSPACE_LANGUAGES;
export type DashboardLanguage = WorkspaceLanguage;

/** A user's dashboard language, kept with the account (every workspace, every browser); null follows the browser. */
export async function setUserLanguage(
  deps: { db: AnyDb; clock: Clock },
  userId: string,
  language: DashboardLanguage | null,
): Promise<void> {
  if (!(await updateUserLanguage(deps.db, userId, language, deps.clock.now())))
    throw new AppError("UNAUTHENTICATED", "The session's user no longer exists; log in again.");
}
