import { z } from "zod";
import type { App } from "../http/index.js";
import type { Metrics } from "./metrics.js";
import { checkReadiness, type ReadinessDeps } from "./readiness.js";

const Readiness = z.object({
  status: z.enum(["ok", "unavailable", "draining"]),
  checks: z.record(z.string(), z.string()),
});

/** /healthz, /readyz and /metrics on the API port (serve and start); `wharf worker` has ops-server.ts. */
export function opsRoutes(app: App, deps: ReadinessDeps & { metrics: Metrics }): void {
  app.get(
    "/healthz",
    {
      config: { access: "public" },
      schema: {
        tags: ["operations"],
        summary: "The process is up",
        response: { 200: z.object({ status: z.literal("ok") }) },
      },
    },
    async () => ({ status: "ok" as const }),
  );

  app.get(
    "/readyz",
    {
      config: { access: "public" },
      schema: {
        response: {
          200: Readiness,
          503: Readiness.describe("Not ready: draining, database unreachable, migrations pending"),
        },
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
    {
      config: {
        access: "public",
        docs: {
          responses: {
            "200": {
              description: "Prometheus text exposition",
              content: { "text/plain": { schema: { type: "string" } } },
            },
          },
        },
      },
      schema: { tags: ["operations"], summary: "Prometheus metrics" },
    },
    async (_request, reply) => {
      reply.header("content-type", deps.metrics.registry.contentType);
      return deps.metrics.registry.metrics();
    },
  );
}
