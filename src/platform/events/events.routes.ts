import type { App } from "../http/index.js";
import { requireWorkspace } from "../http/index.js";
import type { LiveFeed } from "../events.js";
import { eventStreams, type EventStreams } from "./event-stream.js";

/**
 * `GET /v1/events`, the dashboard's live stream. It reads nothing but the live feed, which
 * `platform/events` owns, so it is served here rather than by a module (it was inbox's).
 */
export function liveEventRoutes(app: App, deps: { liveFeed: LiveFeed }): EventStreams {
  const streams = eventStreams(deps.liveFeed);
  app.get(
    "/v1/events",
    {
      config: {
        access: ["owner", "admin", "agent"],
        docs: {
          responses: {
            "200": {
              description:
                "An event stream: each event's `data` is one of docs/events.md, its `id` resumes with Last-Event-ID",
              content: { "text/event-stream": { schema: { type: "string" } } },
            },
          },
        },
      },
      schema: { tags: ["events"], summary: "Server-sent events: new messages, status changes, connection changes" },
    },
    async (request, reply) => {
      await streams.open(request, reply, requireWorkspace(request).workspaceId);
    },
  );
  // Open event streams would otherwise hold the server's close until their clients leave.
  app.addHook("preClose", (done) => {
    streams.closeAll();
    done();
  });
  return streams;
}
