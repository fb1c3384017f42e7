// Self only: the built dashboard has no inline script or style (vite emits files), and it talks
// only to its own origin (API, live events, media). Nothing may frame any page (clickjacking).
const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

// Swagger UI sets inline style attributes and shows data: images; its scripts are still files.
const DOCS_CSP = STRICT_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

/** For every response, API and dashboard alike: an API answer opened in a tab is a page too. */
export function securityHeaders(url: string): Record<string, string> {
  return {
    "content-security-policy": url.startsWith("/docs") ? DOCS_CSP : STRICT_CSP,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  };
}
