import { useEffect } from "react";
import { isMessageKey, t } from "../i18n";
import type { Route } from "../router";

// Every page's title, for the navigation and the browser tab. No page is a placeholder any more:
// each one reads routes the server has.

export const PAGE_TITLES: Record<Route, string> = {
  inbox: "Inbox",
  contacts: "Contacts",
  "contacts/import": "Import contacts",
  segments: "Segments",
  campaigns: "Campaigns",
  automations: "Automations",
  templates: "Templates",
  catalog: "Catalog",
  analytics: "Analytics",
  "phone-numbers": "Phone numbers",
  "settings/whatsapp": "WhatsApp Connection",
  "settings/team": "Team",
};

/** A page's title in the current language (English for a page the catalogs do not have yet). */
export function pageTitle(route: Route): string {
  const key = `page.${route}`;
  return isMessageKey(key) ? t(key) : PAGE_TITLES[route];
}

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
