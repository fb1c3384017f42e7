import type { AnyDb } from "../db/index.js";
import { pendingMigrations, ping, type WharfMigration } from "../db/index.js";
import type { App } from "../http/index.js";
import type { Metrics } from "./metrics.js";

export function opsRoutes(app: App, deps: { db: AnyDb; migrations: WharfMigration[]; metrics: Metrics }): void {
  app.get(
    "/healthz",
    { config: { access: "public" }, schema: { tags: ["operations"], summary: "The process is up" } },
    async () => ({ status: "ok" }),
  );

  app.get(
    "/readyz",
    {
      config: { access: "public" },
      schema: { tags: ["operations"], summary: "The database answers and every migration is applied" },
    },
    async (_request, reply) => {
      try {
        await ping(deps.db);
      } catch {
        return reply.status(503).send({ status: "unavailable", checks: { database: "unreachable" } });
      }
      const pending = await pendingMigrations(deps.db, deps.migrations);
      if (pending.length > 0)
        return reply
          .status(503)
          .send({ status: "unavailable", checks: { database: "ok", migrations: `pending: ${pending.join(", ")}` } });
      return { status: "ok", checks: { database: "ok", migrations: "ok" } };
    },
  );

  app.get(
    "/metrics",
    { config: { access: "public" }, schema: { tags: ["operations"], summary: "Prometheus metrics" } },
    async (_request, reply) => {
      reply.header("content-type", deps.metrics.registry.contentType);
      return deps.metrics.registry.metrics();
    },
  );
}
