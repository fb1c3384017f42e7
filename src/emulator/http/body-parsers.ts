import type { FastifyInstance } from "fastify";
import { graphErrors } from "../core/meta-errors.js";

/** Media uploads go up to 100 MB (documents), plus multipart overhead. */
export const MEDIA_BODY_LIMIT = 110 * 1024 * 1024;

/**
 * Graph accepts JSON and form-encoded parameters alike, and Meta's media upload is multipart.
 * Parsers are replaced inside the emulator's own plugin scope only, so mounting it in another
 * Fastify app (sandbox mode) neither clashes with nor changes that app's parsers.
 */
export function installBodyParsers(app: FastifyInstance): void {
  for (const type of ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"]) {
    if (app.hasContentTypeParser(type)) app.removeContentTypeParser(type);
  }
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    const text = String(body).trim();
    if (text === "") return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch {
      done(graphErrors.invalidParameter("Request body is not valid JSON."), undefined);
    }
  });
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  // Kept as bytes; the media route parses it with the WHATWG FormData parser from undici.
  app.addContentTypeParser(
    "multipart/form-data",
    { parseAs: "buffer", bodyLimit: MEDIA_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );
}
