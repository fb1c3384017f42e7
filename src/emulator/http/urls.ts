import type { FastifyRequest } from "fastify";
import type { EmulatorContext } from "../core/context.js";

/** The request path relative to the emulator's root, without the query string. */
export function emulatorPath(ctx: EmulatorContext, request: FastifyRequest): string {
  const url = request.url;
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  return ctx.mountPrefix && path.startsWith(ctx.mountPrefix) ? path.slice(ctx.mountPrefix.length) || "/" : path;
}

/**
 * Where the emulator's root is reachable: `publicUrl` when configured (it already includes any
 * mount prefix, e.g. `https://wharf.example/_meta`), else this request's origin plus the prefix.
 */
export function baseUrl(ctx: EmulatorContext, request: FastifyRequest): string {
  return ctx.options.publicUrl ?? `${request.protocol}://${request.host}${ctx.mountPrefix}`;
}

/** This request's absolute URL, for paging links. */
export function selfUrl(ctx: EmulatorContext, request: FastifyRequest): string {
  const relative = request.url.slice(
    ctx.mountPrefix && request.url.startsWith(ctx.mountPrefix) ? ctx.mountPrefix.length : 0,
  );
  return `${baseUrl(ctx, request)}${relative}`;
}
