import { useEffect } from "react";
import type { Route } from "../router";

// The feature pages arrive in later issues. Until then each says what it will show and where the
// same data already is in the API; none shows made-up data.

/** The pages that are still placeholders; Settings → WhatsApp Connection is built (connection-page). */
export type PlaceholderRoute = Exclude<Route, "settings/whatsapp">;

interface PageCopy {
  title: string;
  willShow: string;
  meanwhile: string;
  apiRoute: string;
}

const PAGES: Record<PlaceholderRoute, PageCopy> = {
  inbox: {
    title: "Inbox",
    willShow:
      "Conversations with your customers will appear here, newest first: who wrote, to which of your numbers, how many messages are unread and how long the 24-hour reply window stays open. You will reply from here.",
    meanwhile: "Until then, conversations are available from the API:",
    apiRoute: "GET /v1/conversations",
  },
  campaigns: {
    title: "Campaigns",
    willShow:
      "Template messages sent to a list of recipients will appear here with their schedule and progress: queued, sent, delivered, read, failed and skipped. You will pause, resume and cancel them here.",
    meanwhile: "Until then, campaigns are created and followed through the API:",
    apiRoute: "POST /v1/campaigns",
  },
  templates: {
    title: "Templates",
    willShow:
      "Your WhatsApp message templates will appear here with their language, category and Meta's review status. You will create, sync and delete them here.",
    meanwhile: "Until then, templates are available from the API:",
    apiRoute: "GET /v1/templates",
  },
  catalog: {
    title: "Catalog",
    willShow:
      "The products this workspace pushes to its Meta Catalog will appear here, each with its sync status and any error Meta reported.",
    meanwhile: "Until then, products are available from the API:",
    apiRoute: "GET /v1/catalog/products",
  },
};

export const PAGE_TITLES = {
  ...Object.fromEntries(Object.entries(PAGES).map(([route, page]) => [route, page.title])),
  "settings/whatsapp": "WhatsApp Connection",
} as Record<Route, string>;

/** The browser tab's title: page, workspace, product. */
export function usePageTitle(title: string, workspaceName: string): void {
  useEffect(() => {
    document.title = `${title} · ${workspaceName} · Wharf`;
  }, [title, workspaceName]);
}

export function FeaturePage({ route, workspaceName }: { route: PlaceholderRoute; workspaceName: string }) {
  const page = PAGES[route];
  usePageTitle(page.title, workspaceName);

  return (
    <section aria-labelledby="page-title">
      <p className="eyebrow">{workspaceName}</p>
      <h1 id="page-title">{page.title}</h1>
      <div className="empty-state">
        <h2>Not available in the dashboard yet</h2>
        <p>{page.willShow}</p>
        <p className="muted">
          {page.meanwhile} <code>{page.apiRoute}</code>
        </p>
      </div>
    </section>
  );
}
