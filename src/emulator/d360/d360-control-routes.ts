import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { EmulatorContext } from "../core/context.js";
import { parseControl } from "../control/control-schemas.js";
import { graphErrors } from "../core/meta-errors.js";
import { activateChannel } from "./d360-partner-routes.js";

const RevokeKeys = z.object({ apiKey: z.string().min(1).optional(), channelId: z.string().min(1).optional() });

/**
 * Control routes for the 360dialog stand-in, beside the Graph emulator's under `/_emulator`:
 * hand out a key as the client's own Hub would ("Generate API Key", the manual path), revoke keys
 * (the lapse a client causes by generating a new one elsewhere), and show channels.
 */
export function registerD360ControlRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post("/_emulator/360dialog/channels/:id/api-key", async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!ctx.state.d360.channels.has(id)) throw graphErrors.unknownObject(id, "POST");
    activateChannel(ctx, id);
    const key = ctx.state.d360.issueKey(id, ctx.clock.now());
    return reply.code(201).send({ apiKey: key.key, channelId: id });
  });

  /** `{apiKey}` revokes one key, `{channelId}` every key of a channel, `{}` every key. */
  app.post("/_emulator/360dialog/api-keys/revoke", async (request) => {
    const { apiKey, channelId } = parseControl(RevokeKeys, request.body ?? {});
    let revoked = 0;
    for (const k of ctx.state.d360.keys.values()) {
      const hit = apiKey !== undefined ? k.key === apiKey : channelId !== undefined ? k.channelId === channelId : true;
      if (hit && !k.revoked) {
        k.revoked = true;
        revoked++;
      }
    }
    return { revoked };
  });

  app.get("/_emulator/360dialog/channels", async () => ({
    partners: [...ctx.state.d360.partners.values()].map((p) => ({ id: p.id })),
    channels: [...ctx.state.d360.channels.values()].map((c) => ({
      ...c,
      keys: [...ctx.state.d360.keys.values()].filter((k) => k.channelId === c.id && !k.revoked).length,
    })),
  }));
}
