import type { FastifyInstance } from "fastify";
import { bucHeader } from "../core/buc-usage.js";
import type { EmulatorContext } from "../core/context.js";
import { emulatorPath } from "./urls.js";

/**
 * Graph's business-use-case usage header (`x-business-use-case-usage`, Graph "Rate Limiting"):
 * keyed by the WhatsApp Business Account a call is about, with the percentage of its hourly budget
 * used and, while throttled, `estimated_time_to_regain_access` in minutes. WhatsApp Business
 * Management calls have 5,000 an hour per app per active WABA (meta-cloud-api.md, rate limits).
 */
export const BUC_CALLS_PER_HOUR = 5_000;
const HOUR_MS = 3_600_000;

/** The WABA a Graph path is about: the WABA itself, or a phone number's. */
export function bucOwner(ctx: EmulatorContext, path: string): string | undefined {
  const id = path.split("/")[2];
  if (id === undefined) return undefined;
  if (ctx.state.wabas.has(id)) return id;
  return ctx.state.phoneNumbers.get(id)?.wabaId;
}

/**
 * Sends the header on every call about a WABA or one of its numbers, counting calls per WABA per
 * clock hour. Not on `/messages`: sends are limited by throughput, not by this budget (and the hot
 * path stays as cheap for Wharf as before). A throttled answer (fault 80007/80008) sets its own.
 */
export function installUsageHeaders(app: FastifyInstance, ctx: EmulatorContext): void {
  const calls = new Map<string, { hour: number; count: number }>();
  app.addHook("onSend", async (request, reply, payload) => {
    const url = request.url;
    if (url.includes("/messages") || url.includes("/_emulator") || reply.hasHeader("x-business-use-case-usage"))
      return payload;
    const owner = bucOwner(ctx, emulatorPath(ctx, request));
    if (owner === undefined) return payload;
    const hour = Math.floor(ctx.clock.now() / HOUR_MS);
    let seen = calls.get(owner);
    if (!seen || seen.hour !== hour) calls.set(owner, (seen = { hour, count: 0 }));
    seen.count += 1;
    const percent = Math.min(100, Math.ceil((seen.count * 100) / BUC_CALLS_PER_HOUR));
    reply.header(
      "x-business-use-case-usage",
      bucHeader(owner, {
        type: "whatsapp_business_management",
        call_count: percent,
        total_cputime: percent,
        total_time: percent,
        estimated_time_to_regain_access: 0,
      }),
    );
    return payload;
  });
}
