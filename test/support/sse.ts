/** One server-sent event as a test reads it. */
export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

export interface SseStream {
  status: number;
  events: SseEvent[];
  /** Resolves with the first event (oldest first) matching `match`, waiting up to `ms`. */
  waitFor(match: (e: SseEvent) => boolean, ms?: number, what?: string): Promise<SseEvent>;
  close(): void;
}

/** Opens `GET {url}/v1/events` and parses what arrives until closed. */
export async function openEventStream(url: string, headers: Record<string, string>): Promise<SseStream> {
  const controller = new AbortController();
  const res = await fetch(`${url}/v1/events`, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  let waiters: Array<() => void> = [];
  if (res.ok && res.body) {
    void (async () => {
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      try {
        for (;;) {
          const chunk = await reader.read();
          if (chunk.done) break;
          buffer += decoder.decode(chunk.value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const e: SseEvent = { id: null, event: "message", data: "" };
            let any = false;
            for (const line of block.split("\n")) {
              if (line.startsWith("id: ")) e.id = line.slice(4);
              else if (line.startsWith("event: ")) e.event = line.slice(7);
              else if (line.startsWith("data: ")) e.data += line.slice(6);
              else continue;
              any = true;
            }
            if (any && e.data) events.push(e);
          }
          const w = waiters;
          waiters = [];
          w.forEach((f) => f());
        }
      } catch {
        // aborted
      }
    })();
  }
  return {
    status: res.status,
    events,
    async waitFor(match, ms = 10_000, what = "event") {
      const end = Date.now() + ms;
      for (;;) {
        const found = events.find(match);
        if (found) return found;
        const left = end - Date.now();
        if (left <= 0)
          throw new Error(
            `${what} not received in ${ms} ms; got ${events.map((e) => `${e.id}:${e.event}`).join(", ")}`,
          );
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 200));
          waiters.push(() => (clearTimeout(timer), resolve()));
        });
      }
    },
    close: () => controller.abort(),
  };
}
