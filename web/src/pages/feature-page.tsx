import { useEffect } from "react";
import type { Route } from "../router";

// The feature pages arrive in later issues. Until then each says what it will show and where the
// same data already is in the API; none shows made-up data.

interface PageCopy {
  title: string;
  section?: string;
  willShow: string;
  meanwhile: string;
  apiRoute: string;
}

const PAGES: Record<Route, PageCopy> = {
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
  "settings/whatsapp": {
    title: "WhatsApp Connection",
    section: "Settings",
    willShow:
      "This is where the workspace connects to its WhatsApp Business Account. It will show the connection's status, the business account, its phone numbers with their quality rating and messaging limit, and let you activate numbers or reconnect.",
    meanwhile: "Until then, the connection is available from the API:",
    apiRoute: "GET /v1/connection",
  },
};

export const PAGE_TITLES = Object.fromEntries(
  Object.entries(PAGES).map(([route, page]) => [route, page.title]),
) as Record<Route, string>;

export function FeaturePage({ route, workspaceName }: { route: Route; workspaceName: string }) {
  const page = PAGES[route];
  useEffect(() => {
    document.title = `${page.title} · ${workspaceName} · Wharf`;
  }, [page.title, workspaceName]);

  return (
    <section aria-labelledby="page-title">
      <p className="eyebrow">{[workspaceName, page.section].filter(Boolean).join(" · ")}</p>
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
