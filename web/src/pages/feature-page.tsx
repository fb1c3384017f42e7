import { useEffect } from "react";
import { t, type MessageKey } from "../i18n";
import type { Route } from "../router";

// Every page's title, for the navigation and the browser tab. No page is a placeholder any more:
// each one reads routes the server has.

const PAGE_TITLES: Record<Route, MessageKey> = {
  inbox: "page.inbox",
  contacts: "page.contacts",
  "contacts/import": "page.contacts/import",
  segments: "page.segments",
  campaigns: "page.campaigns",
  automations: "page.automations",
  templates: "page.templates",
  catalog: "page.catalog",
  analytics: "page.analytics",
  "phone-numbers": "page.phone-numbers",
  "settings/whatsapp": "page.settings/whatsapp",
  "settings/team": "page.settings/team",
};

/** A page's title in the current language. */
export const pageTitle = (route: Route): string => t(PAGE_TITLES[route]);

/** The browser tab's title: page, workspace, product. */
let titleBase = "Wharf";
let titleUnread = 0;
const applyTitle = () => {
  document.title = titleUnread > 0 ? `(${titleUnread}) ${titleBase}` : titleBase;
};

export function usePageTitle(title: string, workspaceName: string): void {
  useEffect(() => {
    titleBase = `${title} · ${workspaceName} · Wharf`;
    applyTitle();
  }, [title, workspaceName]);
}

/** Unread conversations, shown before every page's title (the tab says "(3) Inbox · …"). */
export function setTitleUnread(count: number): void {
  titleUnread = count;
  applyTitle();
}
