import type { FastifyRequest } from "fastify";
import type { EmulatorContext } from "../core/context.js";
import { graphErrors } from "../core/meta-errors.js";
import { selectFields } from "./fields.js";
import { allParams, intParam, stringParam } from "./params.js";
import { selfUrl } from "./urls.js";

export interface Page<T> {
  data: T[];
  paging?: { cursors: { before: string; after: string }; next?: string; previous?: string };
}

const encode = (key: string) => Buffer.from(`cursor:${key}`).toString("base64url");

function decode(cursor: string): string {
  const text = Buffer.from(cursor, "base64url").toString();
  if (!text.startsWith("cursor:")) throw graphErrors.invalidParameter("Invalid cursor.");
  return text.slice("cursor:".length);
}

/**
 * Graph cursor paging: `limit`, `after` and `before` in, `paging.cursors.{before,after}` out,
 * with `next`/`previous` links only when there is more in that direction. Cursors are opaque
 * strings naming the first and last item of the page.
 */
export function paginate<T>(
  items: T[],
  keyOf: (item: T) => string,
  params: Record<string, unknown>,
  selfUrl: string,
  defaultLimit = 25,
): Page<T> {
  const limit = Math.min(Math.max(intParam(params, "limit") ?? defaultLimit, 1), 1000);
  const after = stringParam(params, "after");
  const before = stringParam(params, "before");
  let start = 0;
  let end = Math.min(items.length, limit);
  if (after !== undefined) {
    const key = decode(after);
    start = items.findIndex((i) => keyOf(i) === key) + 1;
    if (start === 0) start = items.length;
    end = Math.min(items.length, start + limit);
  } else if (before !== undefined) {
    const key = decode(before);
    end = Math.max(
      0,
      items.findIndex((i) => keyOf(i) === key),
    );
    start = Math.max(0, end - limit);
  }
  const data = items.slice(start, end);
  if (data.length === 0) return { data };
  const cursors = { before: encode(keyOf(data[0]!)), after: encode(keyOf(data[data.length - 1]!)) };
  const link = (name: "after" | "before", cursor: string) => {
    const url = new URL(selfUrl);
    url.searchParams.delete("after");
    url.searchParams.delete("before");
    url.searchParams.set("limit", String(limit));
    url.searchParams.set(name, cursor);
    return url.toString();
  };
  return {
    data,
    paging: {
      cursors,
      ...(end < items.length ? { next: link("after", cursors.after) } : {}),
      ...(start > 0 ? { previous: link("before", cursors.before) } : {}),
    },
  };
}

/** A list edge's answer: each node as the caller asked for it (`fields`), paged by id. */
export function nodePage(
  ctx: EmulatorContext,
  request: FastifyRequest,
  nodes: Array<Record<string, unknown>>,
  defaults: readonly string[],
  nodeType: string,
): Page<Record<string, unknown>> {
  const params = allParams(request);
  const selected = nodes.map((n) => selectFields(n, stringParam(params, "fields"), defaults, nodeType));
  return paginate(selected, (n) => String(n["id"]), params, selfUrl(ctx, request));
}
