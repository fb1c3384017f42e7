import { useEffect, useSyncExternalStore } from "react";

// A hash router (`/#/inbox`): the server only has to serve index.html at `/`, and every
// dashboard page survives a reload without a server-side fallback route.

export const ROUTES = ["inbox", "campaigns", "templates", "catalog", "settings/whatsapp"] as const;
export type Route = (typeof ROUTES)[number];

const DEFAULT_ROUTE: Route = "inbox";

export function href(route: Route): string {
  return `#/${route}`;
}

function parse(hash: string): Route | undefined {
  const path = hash.replace(/^#\/?/, "").split("?")[0];
  return ROUTES.find((route) => route === path);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

/** The current page; an empty or unknown hash is replaced by the default page. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const route = parse(hash);
  useEffect(() => {
    if (!route) window.location.replace(href(DEFAULT_ROUTE));
  }, [route]);
  return route ?? DEFAULT_ROUTE;
}
