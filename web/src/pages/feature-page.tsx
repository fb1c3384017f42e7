import { useEffect } from "react";
import type { Route } from "../router";

// A feature page that arrives in a later issue says what it will show and where the same data
// already is in the API; it shows no made-up data. Only Catalog is still a placeholder.

/** The pages that are still placeholders. */
export type PlaceholderRoute = "catalog";

interface PageCopy {
  title: string;
  willShow: string;
  meanwhile: string;
  apiRoute: string;
}

const PAGES: Record<PlaceholderRoute, PageCopy> = {
  catalog: {
    title: "Catalog",
    willShow:
      "The products this workspace pushes to its Meta Catalog will appear here, each with its sync status and any error Meta reported.",
    meanwhile: "Until then, products are available from the API:",
    apiRoute: "GET /v1/catalog/products",
  },
};

export const PAGE_TITLES: Record<Route, string> = {
  inbox: "Inbox",
  campaigns: "Campaigns",
  templates: "Templates",
  catalog: PAGES.catalog.title,
  "settings/whatsapp": "WhatsApp Connection",
  "settings/team": "Team",
};

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
