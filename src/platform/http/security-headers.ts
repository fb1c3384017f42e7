/** Origins beyond our own that the dashboard may use: Meta's JavaScript SDK for Embedded Signup. */
export interface ExtraOrigins {
  scripts: string[];
  frames: string[];
  connects: string[];
}

const NONE: ExtraOrigins = { scripts: [], frames: [], connects: [] };

// Self only (plus, in production with Embedded Signup, Meta's SDK: its script, the facebook.com frames
// it opens and the calls it makes): the built dashboard has no inline script or style (vite emits files), and it talks
// only to its own origin (API, live events, media). Nothing may frame any page (clickjacking).
// Images also over https: the Catalog page and the product picker show each product's image from
// the store's own host (its `imageLink`, as Meta fetches it too); requests carry no referrer
// (`no-referrer` below), and scripts still reach nothing but Wharf and Meta's SDK.
const list = (origins: string[]) => ["'self'", ...origins].join(" ");
const strictCsp = (extra: ExtraOrigins) =>
  [
    "default-src 'self'",
    `script-src ${list(extra.scripts)}`,
    "style-src 'self'",
    "img-src 'self' data: blob: https:",
    "media-src 'self' blob:",
    `connect-src ${list(extra.connects)}`,
    ...(extra.frames.length > 0 ? [`frame-src ${list(extra.frames)}`] : []),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");

const STRICT_CSP = strictCsp(NONE);
// Swagger UI sets inline style attributes and shows data: images; its scripts are still files.
const DOCS_CSP = STRICT_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

/** The headers for one server: computed once, so a request pays no string building. */
export function securityHeadersFor(extra: ExtraOrigins = NONE): (url: string) => Record<string, string> {
  const app = extra === NONE ? STRICT_CSP : strictCsp(extra);
  return (url) => securityHeaders(url, url.startsWith("/docs") ? DOCS_CSP : app);
}

/** For every response, API and dashboard alike: an API answer opened in a tab is a page too. */
export function securityHeaders(url: string, csp?: string): Record<string, string> {
  return {
    "content-security-policy": csp ?? (url.startsWith("/docs") ? DOCS_CSP : STRICT_CSP),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  };
}
