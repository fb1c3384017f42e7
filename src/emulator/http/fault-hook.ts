import type { FastifyInstance } from "fastify";
import { setTimeout as sleep } from "node:timers/promises";
import type { EmulatorContext } from "../core/context.js";
import { faultError } from "../faults/fault-registry.js";
import { emulatorPath } from "./urls.js";

/**
 * Applies injected latency and failures before any route runs, so a fault looks to the client
 * exactly like Meta failing that call. The control API itself is never faulted, and with no
 * fault registered the hook costs one length check.
 */
export function installFaultHook(app: FastifyInstance, ctx: EmulatorContext): void {
  app.addHook("onRequest", async (request) => {
    if (ctx.faults.isEmpty()) return;
    const path = emulatorPath(ctx, request);
    if (path.startsWith("/_emulator")) return;
    const fault = ctx.faults.take(request.method, path);
    if (!fault) return;
    if (fault.latencyMs) await sleep(fault.latencyMs);
    if (fault.status !== undefined) throw faultError(fault);
  });
}
