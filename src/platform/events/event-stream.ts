import type { FastifyReply, FastifyRequest } from "fastify";
import type { EventBus } from "./bus.js";
import type { RecordedEvent } from "./catalog.js";
import type { WorkspaceId } from "../workspace-id.js";

export interface EventStreams {
  open(request: FastifyRequest, reply: FastifyReply, workspaceId: WorkspaceId): void;
  /** Ends every open stream (server shutdown), so closing never waits on a dashboard tab. */
  closeAll(): void;
}

const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events for the dashboard: everything published on the event bus for the caller's
 * workspace, and nothing else. The SSE id is the event's own `evt_` id (time-sortable), which is
 * what a resuming client will send back as Last-Event-ID. The bus is in-process: a stream sees
 * what this process publishes (all of it under `wharf start`).
 */
export function eventStreams(bus: EventBus): EventStreams {
  const open = new Set<() => void>();
  return {
    open(request, reply, workspaceId) {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
        "x-request-id": request.id,
      });
      const write = (e: RecordedEvent) => {
        res.write(
          `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify({ id: e.id, type: e.type, at: new Date(e.at).toISOString(), data: e.data })}\n\n`,
        );
      };
      res.write(`retry: 3000\n: connected\n\n`);
      const unsubscribe = bus.subscribe(workspaceId, write);
      const heartbeat = setInterval(() => res.write(`: ping\n\n`), HEARTBEAT_MS);
      heartbeat.unref();
      const close = () => {
        if (!open.delete(close)) return;
        clearInterval(heartbeat);
        unsubscribe();
        res.end();
      };
      open.add(close);
      request.raw.on("close", close);
      res.on("error", close);
    },
    closeAll() {
      for (const close of [...open]) close();
    },
  };
}
