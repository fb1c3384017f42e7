import { request, type Dispatcher } from "undici";

/**
 * The part of `fetch` the transport uses, over undici's `request`. Node's built-in `fetch` wraps
 * every body in a WHATWG stream and every call in an AbortSignal chain; on the send path, at
 * hundreds of messages a second, that cost more CPU than the rest of a send together. Bodies the
 * fast path does not handle (FormData uploads) and GET redirects (media downloads) go through the
 * built-in `fetch` unchanged.
 */
export function fastFetch(dispatcher?: Dispatcher): typeof fetch {
  return async (input: string | URL | Request, init: RequestInit = {}) => {
    const body = init.body;
    if (
      input instanceof Request ||
      !(body === undefined || body === null || typeof body === "string" || body instanceof Uint8Array)
    )
      return globalThis.fetch(input, init);
    const method = (init.method ?? "GET").toUpperCase();
    const res = await request(input, {
      method,
      headers: init.headers as Record<string, string> | undefined,
      body: body ?? null,
      signal: init.signal ?? null,
      ...(dispatcher ? { dispatcher } : {}),
    });
    if (method === "GET" && res.statusCode >= 300 && res.statusCode < 400 && init.redirect !== "manual") {
      await res.body.dump();
      return globalThis.fetch(input, init);
    }
    return responseOf(res);
  };
}

function responseOf(res: Dispatcher.ResponseData): Response {
  const headers = {
    get(name: string): string | null {
      const v = res.headers[name.toLowerCase()];
      return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
    },
    has: (name: string) => res.headers[name.toLowerCase()] !== undefined,
  };
  return {
    ok: res.statusCode >= 200 && res.statusCode < 300,
    status: res.statusCode,
    headers,
    text: () => res.body.text(),
    arrayBuffer: () => res.body.arrayBuffer(),
  } as unknown as Response;
}
