import type { App } from "./server.js";

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

/** Every response, API and dashboard alike: an API answer opened in a tab is a page too. */
export function registerSecurityHeaders(app: App): void {
  app.addHook("onSend", async (request, reply) => {
    reply.header("content-security-policy", request.url.startsWith("/docs") ? DOCS_CSP : STRICT_CSP);
    reply.header("x-frame-options", "DENY");
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
  });
}
