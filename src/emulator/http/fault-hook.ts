import type { FastifyInstance } from "fastify";
import { setTimeout as sleep } from "node:timers/promises";
import type { EmulatorContext } from "../core/context.js";
import { faultError } from "../faults/fault-registry.js";
import { emulatorPath } from "./urls.js";
import { bucOwner } from "./usage-headers.js";

/**
 * Applies injected latency and failures before any route runs, so a fault looks to the client
 * exactly like Meta failing (or being slow to answer) that call. The control API itself is never faulted, and with no
 * fault registered the hook costs one length check.
 */
export function installFaultHook(app: FastifyInstance, ctx: EmulatorContext): void {
  // Latency without an error is Meta being slow to answer a request it has received in full: it is
  // waited out after the body has arrived (preHandler), and the route then runs whether or not
  // the client is still there. A client that timed out meanwhile has had its message accepted all
  // the same, as happens with Meta (issue 14: a timed-out send may have been delivered).
  const slow = new WeakMap<object, number>();
  app.addHook("onRequest", async (request) => {
    if (ctx.faults.isEmpty()) return;
    const path = emulatorPath(ctx, request);
    if (path.startsWith("/_emulator")) return;
    const fault = ctx.faults.take(request.method, path);
    if (!fault) return;
    if (fault.status === undefined) {
      if (fault.latencyMs) slow.set(request, fault.latencyMs);
      return;
    }
    if (fault.latencyMs) await sleep(fault.latencyMs);
    throw faultError(fault, bucOwner(ctx, path));
  });
  app.addHook("preHandler", async (request) => {
    const ms = slow.get(request);
    if (ms !== undefined) await sleep(ms);
  });
}
