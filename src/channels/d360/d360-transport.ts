import type { z } from "zod";
import { ChannelError } from "../errors.js";
import { d360ChannelError } from "./d360-errors.js";

/**
 * The one HTTP path to 360dialog's Cloud API (`https://waba-v2.360dialog.io`): the channel's key in
 * `D360-API-KEY` (never in a URL, never in an error), a timeout per call, answers checked with the
 * port's wire schemas, failures turned into `ChannelError`s. Nothing is retried here: the job
 * runner decides from the error's kind.
 */
export interface D360TransportConfig {
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
}

export interface D360Call<T> {
  method: "GET" | "POST" | "DELETE";
  /** Below the base, each caller-supplied id already passed through `segment()`. */
  path: string;
  json?: unknown;
  body?: FormData;
  schema: z.ZodType<T>;
}

/** An id as one path segment; refuses anything that could leave it. */
export function segment(id: string): string {
  if (!/^[A-Za-z0-9_.:-]{1,200}$/.test(id))
    throw new TypeError(`Not a valid id for a path segment: ${JSON.stringify(id)}`);
  return encodeURIComponent(id);
}

export interface D360Transport {
  call<T>(key: string, call: D360Call<T>): Promise<T>;
  /** GET bytes under the base (media), with the key. */
  bytes(
    key: string,
    pathAndQuery: string,
  ): Promise<{ body: Uint8Array; contentType: string | undefined; httpStatus: number }>;
}

export function createD360Transport(config: D360TransportConfig): D360Transport {
  const base = config.baseUrl.replace(/\/+$/, "");

  async function send(key: string, method: string, pathAndQuery: string, init: RequestInit) {
    const context = { method, path: pathAndQuery.split("?")[0]!, key };
    let res: Response;
    try {
      res = await config.fetch(`${base}${pathAndQuery}`, {
        ...init,
        method,
        headers: { ...(init.headers as Record<string, string>), "D360-API-KEY": key, accept: "application/json" },
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch (error) {
      throw d360ChannelError({ kind: "network", error }, context);
    }
    return { res, context };
  }

  return {
    async call(key, call) {
      const init: RequestInit =
        call.json !== undefined
          ? { body: JSON.stringify(call.json), headers: { "content-type": "application/json" } }
          : call.body
            ? { body: call.body }
            : {};
      const { res, context } = await send(key, call.method, call.path, init);
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text === "" ? {} : (JSON.parse(text) as unknown);
      } catch {
        // Kept as text: the classifier reads what it can.
      }
      if (!res.ok) throw d360ChannelError({ kind: "http", status: res.status, body, headers: res.headers }, context);
      const parsed = call.schema.safeParse(body);
      if (!parsed.success) {
        throw new ChannelError({
          channel: "360dialog",
          kind: "maybe_processed",
          message: `360dialog ${call.method} ${context.path} answered ${res.status} with a body Wharf could not read`,
          provider: { httpStatus: res.status },
        });
      }
      return parsed.data;
    },

    async bytes(key, pathAndQuery) {
      const { res, context } = await send(key, "GET", pathAndQuery, {});
      if (!res.ok) {
        const text = await res.text();
        throw d360ChannelError({ kind: "http", status: res.status, body: text, headers: res.headers }, context);
      }
      return {
        body: new Uint8Array(await res.arrayBuffer()),
        contentType: res.headers.get("content-type") ?? undefined,
        httpStatus: res.status,
      };
    },
  };
}
