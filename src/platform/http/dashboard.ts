import fs from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { App } from "./server.js";

const API_PREFIXES = [
  "/v1/",
  "/_meta/",
  "/webhooks/",
  "/oauth/",
  "/docs",
  "/openapi.json",
  "/healthz",
  "/readyz",
  "/metrics",
];

/**
 * Serves the built dashboard at `/`. Client-side routes live in the hash (/#/settings/whatsapp); any other non-API path gets index.html;
 * API paths never do, so an unknown API route still answers with the JSON error envelope.
 */
export async function serveDashboard(app: App, distDir: string): Promise<void> {
  const index = path.join(distDir, "index.html");
  if (!fs.existsSync(index)) {
    app.get("/", async (_request, reply) =>
      reply
        .status(503)
        .type("text/plain")
        .send("The dashboard is not built. Run `npm run build:web` (npm ci does it for you)."),
    );
    return;
  }
  await app.register(fastifyStatic, { root: distDir, prefix: "/", wildcard: false, index: ["index.html"] });
  app.get("/*", { schema: { hide: true } }, async (request, reply) => {
    const url = request.url.split("?")[0]!;
    if (API_PREFIXES.some((p) => url.startsWith(p)) || path.extname(url) !== "") {
      return reply
        .status(404)
        .send({ error: { code: "NOT_FOUND", message: `No route GET ${url}.`, requestId: request.id } });
    }
    return reply.type("text/html").sendFile("index.html");
  });
}
