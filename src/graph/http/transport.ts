import { createHmac } from "node:crypto";
import type { z } from "zod";
import { classifyGraphError } from "../errors/classify.js";
import type { FastFetch } from "./fast-fetch.js";
import { type GraphError, GraphUnexpectedResponseError } from "../errors/graph-errors.js";
import { type RetryDeps, type RetryPolicy, withRetry } from "./retry.js";
import { type GraphUsage, parseUsageHeaders } from "./usage-headers.js";

/**
 * The single HTTP path to Graph: URL building, bearer auth, timeouts, response validation,
 * error classification and (for reads only) retries. The token travels only in the
 * `Authorization` header and is scrubbed from anything that becomes an error.
 */

export type QueryValue = string | number | boolean | undefined;

export interface TransportConfig extends RetryDeps {
  baseUrl: string;
  version: string;
  fetch: typeof fetch;
  /** For `hot` calls (the message send path): a cheaper path than `fetch`, when none was injected. */
  hotFetch?: FastFetch;
  retry: RetryPolicy;
  timeoutMs: number;
  userAgent: string;
  now: () => number;
  /** When set, calls made with a user or system-user token carry `appsecret_proof`. */
  appSecret?: string;
  /** Told of every call's end (metrics); not of each retry of a read. */
  onCall?: (observation: GraphCallObservation) => void;
}

export interface GraphCallObservation {
  method: string;
  /** The call's path below the version (`123/messages`), or `media-download` for a download. */
  path: string;
  ms: number;
  /** null for a success; a GraphError (or whatever was thrown) otherwise. */
  error: unknown;
}

export interface GraphCall<T> {
  method: "GET" | "POST" | "DELETE";
  /** Path below `/{version}/`, built with `segment()` for every caller-supplied id. */
  path: string;
  /** Sent as `Authorization: <scheme> <token>`; absent only for calls authenticated by query (code exchange). */
  token?: string | undefined;
  authScheme?: "Bearer" | "OAuth";
  query?: Record<string, QueryValue>;
  /**
   * A query string appended exactly as given, after `query` (no decoding or re-encoding): the
   * signature Meta puts in an upload session id, whose `+`, `/` and `=` must reach Meta unchanged.
   */
  rawQuery?: string;
  json?: unknown;
  body?: Uint8Array | FormData;
  headers?: Record<string, string>;
  /** Idempotent calls only. */
  retry: boolean;
  /** Made hundreds of times a second (message sends): goes through `hotFetch` when there is one. */
  hot?: boolean;
  schema: z.ZodType<T>;
  /** Other values to scrub from errors (app secret, OAuth code, inspected token). */
  secrets?: readonly (string | undefined)[];
}

export interface GraphResult<T> {
  data: T;
  httpStatus: number;
  usage: GraphUsage;
  fbtraceId: string | undefined;
}

export interface GraphBinary {
  body: Uint8Array;
  contentType: string | undefined;
  httpStatus: number;
}

/** A Graph id as one path segment. Rejects anything that could leave the segment. */
export function segment(id: string): string {
  if (typeof id !== "string" || !/^[A-Za-z0-9_:.=-]+$/.test(id) || id.includes("..")) {
    throw new TypeError(`Invalid Graph id: ${JSON.stringify(String(id).slice(0, 40))}`);
  }
  return id;
}

/**
 * `appsecret_proof`: the hex HMAC-SHA256 of the access token keyed with the app secret (Meta,
 * "Securing Graph API Requests"). Kept per token, since the same few tokens make every call.
 */
function appSecretProofs(appSecret: string): (token: string) => string {
  const known = new Map<string, string>();
  return (token) => {
    let proof = known.get(token);
    if (proof === undefined) {
      proof = createHmac("sha256", appSecret).update(token).digest("hex");
      if (known.size >= 1000) known.delete(known.keys().next().value as string);
      known.set(token, proof);
    }
    return proof;
  };
}

function requireToken(token: string): void {
  if (typeof token !== "string" || token.trim() === "") throw new TypeError("A Graph access token is required");
}

export function createTransport(config: TransportConfig) {
  const base = config.baseUrl.replace(/\/+$/, "");
  const proofOf = config.appSecret ? appSecretProofs(config.appSecret) : undefined;

  function buildUrl(path: string, query: Record<string, QueryValue> | undefined): URL {
    const url = new URL(`${base}/${config.version}/${path.replace(/^\/+/, "")}`);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url;
  }

  async function send(
    url: URL | string,
    init: RequestInit,
    method: string,
    secrets: readonly (string | undefined)[],
    hot = false,
  ): Promise<Response> {
    try {
      // The hot path bounds the wait with undici's own timeouts rather than a signal per call.
      if (hot && config.hotFetch)
        return await config.hotFetch(url, { ...init, method, redirect: "follow", timeoutMs: config.timeoutMs });
      return await config.fetch(url, {
        ...init,
        method,
        redirect: "follow",
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch (error) {
      throw classifyGraphError({ kind: "network", error }, { method, path: pathOf(url), secrets });
    }
  }

  const pathOf = (url: URL | string) => (typeof url === "string" ? new URL(url).pathname : url.pathname);

  /**
   * The URL of a call. A hot call (a message send: a path, maybe the proof, no query of its own) is
   * written as a string: parsing a URL and re-serialising its search params for every send cost a
   * few microseconds each, and the proof is hex, which needs no encoding.
   */
  function urlOf(call: GraphCall<unknown>): URL | string {
    const proof = proofOf && call.token !== undefined && !call.token.includes("|") ? proofOf(call.token) : undefined;
    if (
      call.hot &&
      call.query === undefined &&
      call.rawQuery === undefined &&
      /^[A-Za-z0-9_:.=/-]+$/.test(call.path) &&
      !call.path.includes("..")
    )
      return `${base}/${config.version}/${call.path.replace(/^\/+/, "")}${proof ? `?appsecret_proof=${proof}` : ""}`;
    const url = buildUrl(call.path, call.query);
    // App tokens (`{app_id}|{app_secret}`) carry the secret themselves and need no proof.
    if (proof) url.searchParams.set("appsecret_proof", proof);
    // Last: any later `searchParams` write would re-serialize it (a `+` would come back as a space).
    if (call.rawQuery) url.search = url.search ? `${url.search}&${call.rawQuery}` : `?${call.rawQuery}`;
    return url;
  }

  async function failure(
    res: Response,
    method: string,
    path: string,
    secrets: readonly (string | undefined)[],
  ): Promise<GraphError> {
    const text = await res.text().catch(() => "");
    return classifyGraphError(
      { kind: "http", status: res.status, body: text, headers: res.headers },
      { method, path, secrets, nowMs: config.now() },
    );
  }

  async function once<T>(call: GraphCall<T>): Promise<GraphResult<T>> {
    const url = urlOf(call);
    const secrets = [call.token, ...(call.secrets ?? [])];
    const headers: Record<string, string> = {
      "User-Agent": config.userAgent,
      Accept: "application/json",
      ...call.headers,
    };
    if (call.token !== undefined) headers.Authorization = `${call.authScheme ?? "Bearer"} ${call.token}`;
    let body: Uint8Array | FormData | string | undefined = call.body;
    if (call.json !== undefined) {
      body = JSON.stringify(call.json);
      headers["Content-Type"] = "application/json";
    }
    const res = await send(url, { headers, body: body as RequestInit["body"] }, call.method, secrets, call.hot);
    if (!res.ok) throw await failure(res, call.method, pathOf(url), secrets);

    const usage = parseUsageHeaders(res.headers);
    const unexpected = (why: string) =>
      new GraphUnexpectedResponseError({
        message: `Graph ${call.method} ${pathOf(url)} answered HTTP ${res.status} with ${why}`,
        httpStatus: res.status,
        fbtrace_id: res.headers.get("x-fb-trace-id") ?? undefined,
        usage,
        method: call.method,
        path: pathOf(url),
      });
    let text: string;
    try {
      text = await res.text();
    } catch (error) {
      // The connection died mid-body (or timed out): a network failure, not a bad answer.
      throw classifyGraphError({ kind: "network", error }, { method: call.method, path: pathOf(url), secrets });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw unexpected("a body that is not JSON");
    }
    const parsed = call.schema.safeParse(json);
    if (!parsed.success) {
      const where = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
      throw unexpected(`an unexpected shape (${where.join("; ")})`);
    }
    return {
      data: parsed.data,
      httpStatus: res.status,
      usage,
      fbtraceId: res.headers.get("x-fb-trace-id") ?? undefined,
    };
  }

  async function observed<T>(method: string, path: string, run: () => Promise<T>): Promise<T> {
    const onCall = config.onCall;
    if (!onCall) return run();
    const started = config.now();
    try {
      const result = await run();
      onCall({ method, path, ms: config.now() - started, error: null });
      return result;
    } catch (error) {
      onCall({ method, path, ms: config.now() - started, error });
      throw error;
    }
  }

  return {
    /** The Graph version every call goes to; some field names depend on it. */
    version: config.version,

    async call<T>(call: GraphCall<T>): Promise<GraphResult<T>> {
      if (call.token !== undefined) requireToken(call.token);
      const run = () => (call.retry ? withRetry(() => once(call), config.retry, config) : once(call));
      return config.onCall ? observed(call.method, call.path, run) : run();
    },

    /** GET a binary resource by absolute URL (media downloads), with bearer auth and retries. */
    async download(url: URL, token: string): Promise<GraphBinary> {
      requireToken(token);
      return observed("GET", "media-download", () =>
        withRetry(
          async () => {
            const headers = { "User-Agent": config.userAgent, Authorization: `Bearer ${token}` };
            const res = await send(url, { headers }, "GET", [token]);
            if (!res.ok) throw await failure(res, "GET", url.pathname, [token]);
            let body: Uint8Array;
            try {
              body = new Uint8Array(await res.arrayBuffer());
            } catch (error) {
              throw classifyGraphError(
                { kind: "network", error },
                { method: "GET", path: url.pathname, secrets: [token] },
              );
            }
            return { body, contentType: res.headers.get("content-type") ?? undefined, httpStatus: res.status };
          },
          config.retry,
          config,
        ),
      );
    },

    /** Where the client points, for checks such as "is this media URL ours to send a token to". */
    baseUrl: new URL(base),
  };
}

export type GraphTransport = ReturnType<typeof createTransport>;
