import { request, type Dispatcher } from "undici";

/** `fetch`'s init, plus a time limit the fast path enforces without an AbortSignal. */
export type FastFetchInit = RequestInit & {
  /**
   * Without a `signal`: at most this long for the response's headers once the request is on the
   * wire, and again at most this long between chunks of its body (undici's headersTimeout and
   * bodyTimeout; connecting has undici's own 10 s limit). A call that falls back to the built-in
   * fetch gets `AbortSignal.timeout(timeoutMs)` instead.
   */
  timeoutMs?: number;
};
export type FastFetch = (input: string | URL | Request, init?: FastFetchInit) => Promise<Response>;

/**
 * The part of `fetch` the transport uses, over undici's `request`. Node's built-in `fetch` wraps
 * every body in a WHATWG stream and every call in an AbortSignal chain; on the send path, at
 * hundreds of messages a second, that cost more CPU than the rest of a send together. Even with
 * `request`, an `AbortSignal.timeout` per send (a timer, a finalization registration and abort
 * listeners) cost ~25-50 µs of CPU a request, measured against undici's own timeouts, hence
 * `timeoutMs`. Bodies the fast path does not handle (FormData uploads) and GET redirects (media
 * downloads) go through the built-in `fetch` unchanged.
 */
export function fastFetch(dispatcher?: Dispatcher): FastFetch {
  return async (input, init = {}) => {
    const { timeoutMs, ...rest } = init;
    const fallback = () =>
      globalThis.fetch(
        input,
        timeoutMs !== undefined && !rest.signal ? { ...rest, signal: AbortSignal.timeout(timeoutMs) } : rest,
      );
    const body = rest.body;
    if (
      input instanceof Request ||
      !(body === undefined || body === null || typeof body === "string" || body instanceof Uint8Array)
    )
      return fallback();
    const method = (rest.method ?? "GET").toUpperCase();
    const res = await request(input, {
      method,
      headers: rest.headers as Record<string, string> | undefined,
      body: body ?? null,
      signal: rest.signal ?? null,
      ...(timeoutMs !== undefined && !rest.signal ? { headersTimeout: timeoutMs, bodyTimeout: timeoutMs } : {}),
      ...(dispatcher ? { dispatcher } : {}),
    });
    if (method === "GET" && res.statusCode >= 300 && res.statusCode < 400 && rest.redirect !== "manual") {
      await res.body.dump();
      return fallback();
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
