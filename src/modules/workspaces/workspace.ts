import type { WorkspaceId } from "../../platform/workspace-id.js";

// A workspace as the rest of Wharf sees it (no SQL here: routes import it).

/** The dashboard's languages: a workspace's default is one of them. */
export const WORKSPACE_LANGUAGES = ["en", "pt-BR", "es"] as const;
export type WorkspaceLanguage = (typeof WORKSPACE_LANGUAGES)[number];

export interface Workspace {
  id: WorkspaceId;
  name: string;
  /** IANA time zone: the default of schedules and time-of-day waits. */
  timeZone: string;
  defaultLanguage: WorkspaceLanguage;
  createdAt: number;
}
