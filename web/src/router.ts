import { useEffect, useMemo, useSyncExternalStore } from "react";

// A hash router (`/#/inbox`): the server only has to serve index.html at `/`, and every
// dashboard page survives a reload without a server-side fallback route. A page keeps its own
// state after `?` (`#/campaigns?campaign=cmp_1&message=msg_2`), so a detail view has an address.

export const ROUTES = [
  "inbox",
  "contacts",
  "contacts/import",
  "segments",
  "campaigns",
  "automations",
  "templates",
  "catalog",
  "analytics",
  "phone-numbers",
  "settings/whatsapp",
  "settings/team",
] as const;
export type Route = (typeof ROUTES)[number];

const DEFAULT_ROUTE: Route = "inbox";

export function href(route: Route): string {
  return `#/${route}`;
}

/** `#/route?key=value`, leaving out parameters that are undefined. */
export function hrefWith(route: Route, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, value);
  const text = query.toString();
  return text ? `${href(route)}?${text}` : href(route);
}

/** Goes to the address (a new history entry, so Back closes a detail view). */
export function navigate(to: string): void {
  window.location.hash = to.replace(/^#/, "");
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

/** The current page's parameters: `#/inbox?conversation=con_1` → `{conversation: "con_1"}`. */
export function useHashParams(): URLSearchParams {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return useMemo(() => new URLSearchParams(hash.split("?")[1] ?? ""), [hash]);
}
