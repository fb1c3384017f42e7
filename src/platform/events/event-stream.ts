import type { FastifyReply, FastifyRequest } from "fastify";
import type { LiveEvent, LiveFeed } from "../events.js";
import type { WorkspaceId } from "../workspace-id.js";

export interface EventStreams {
  open(request: FastifyRequest, reply: FastifyReply, workspaceId: WorkspaceId): Promise<void>;
  /** Ends every open stream (server shutdown), so closing never waits on a dashboard tab. */
  closeAll(): void;
}

const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events for the dashboard: every live event of the caller's workspace, whichever
 * process committed it (the live feed), and nothing else. The SSE id is the event's number in its
 * workspace (`LiveEvent.seq`); a client that reconnects (to this serve or another) sends the last
 * one back as `Last-Event-ID` and first gets what it missed from the live log, which keeps the last
 * minutes (`LIVE_EVENT_RETENTION_MS`). Without it a stream starts with the next event.
 */
export function eventStreams(feed: LiveFeed): EventStreams {
  const open = new Set<() => void>();
  return {
    async open(request, reply, workspaceId) {
      reply.hijack();
      const res = reply.raw;

      let sent = 0;
      let replaying = true;
      const missed: LiveEvent[] = [];
      const write = (e: LiveEvent) => {
        if (e.seq <= sent) return;
        sent = e.seq;
        res.write(
          `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify({ id: e.id, type: e.type, at: new Date(e.at).toISOString(), data: e.data })}\n\n`,
        );
      };
      let stopFollowing = () => {};
      const heartbeat = setInterval(() => res.headersSent && res.write(`: ping\n\n`), HEARTBEAT_MS);
      heartbeat.unref();
      const close = () => {
        if (!open.delete(close)) return;
        clearInterval(heartbeat);
        stopFollowing();
        res.end();
      };
      open.add(close);
      request.raw.on("close", close);
      res.on("error", close);

      let following: Awaited<ReturnType<LiveFeed["follow"]>>;
      try {
        following = await feed.follow(workspaceId, (e) => (replaying ? missed.push(e) : write(e)));
      } catch (err) {
        request.log.warn({ err }, "an event stream could not start; the client retries");
        open.delete(close);
        clearInterval(heartbeat);
        res.writeHead(503, { "retry-after": "3", "x-request-id": request.id }).end();
        return;
      }
      stopFollowing = following.stop;
      if (!open.has(close)) return following.stop();
      // Open once it follows: an event committed after the client saw the stream open is never missed.
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
        "x-request-id": request.id,
      });
      res.write(`retry: 3000\n: connected\n\n`);
      try {
        sent = following.from;
        const resumeAfter = lastEventId(request);
        if (resumeAfter !== null && resumeAfter < following.from) {
          sent = resumeAfter;
          for (let page = await feed.read(workspaceId, sent); ; page = await feed.read(workspaceId, sent)) {
            if (!open.has(close)) return;
            page.forEach(write);
            if (page.length < 500) break;
          }
        } else if (
          resumeAfter !== null &&
          resumeAfter > following.from &&
          resumeAfter <= (await feed.head(workspaceId))
        ) {
          // Seen on another serve, not yet here: this feed is about to bring them.
          sent = resumeAfter;
        }
        replaying = false;
        missed.forEach(write);
        missed.length = 0;
      } catch (err) {
        request.log.warn({ err }, "an event stream could not replay what its client missed; the client reconnects");
        close();
      }
    },
    closeAll() {
      for (const close of [...open]) close();
    },
  };
}

/** The number a reconnecting client saw last; anything else (an older server's `evt_` id) starts afresh. */
function lastEventId(request: FastifyRequest): number | null {
  const header = request.headers["last-event-id"];
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : null;
}
