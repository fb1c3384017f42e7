import type { Json } from "./json.js";
/** A small JSON client for API tests: the workspace's key, and the emulator's control API. */
export function apiClient(url: string, apiKey: string) {
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${apiKey}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();

    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
  async function emulator(method: string, path: string, body?: unknown) {
    const res = await fetch(`${url}/_meta/_emulator${path}`, {
      method,
      ...(body !== undefined ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}),
    });
    return (await res.json()) as Json;
  }
  return { call, emulator };
}

/** Polls until `check` returns a truthy value (or throws after `timeoutMs`). */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
  what = "condition",
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const cause = last instanceof Error ? String(last) : JSON.stringify(last);
  throw new Error(`${what} not reached in ${timeoutMs} ms${last ? `: ${cause}` : ""}`);
}
