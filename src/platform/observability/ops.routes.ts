import type { App } from "../http/index.js";
import type { Metrics } from "./metrics.js";
import { checkReadiness, type ReadinessDeps } from "./readiness.js";

/** /healthz, /readyz and /metrics on the API port (serve and start); `wharf worker` has ops-server.ts. */
export function opsRoutes(app: App, deps: ReadinessDeps & { metrics: Metrics }): void {
  app.get(
    "/healthz",
    { config: { access: "public" }, schema: { tags: ["operations"], summary: "The process is up" } },
    async () => ({ status: "ok" }),
  );

  app.get(
    "/readyz",
    {
      config: { access: "public" },
      schema: {
        tags: ["operations"],
        summary: "The database answers, every migration is applied, and the process is not shutting down",
      },
    },
    async (_request, reply) => {
      const answer = await checkReadiness(deps);
      return reply.status(answer.status).send(answer.body);
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
