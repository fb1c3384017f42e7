import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../core/context.js";
import { graphErrors } from "../core/meta-errors.js";
import { reviewTemplate } from "../templates/review-template.js";
import {
  AppPatch,
  ClockBody,
  FaultBody,
  InboundBody,
  parseControl,
  PhoneNumberPatch,
  ReviewBody,
  RevokeBody,
  WebhookUrlBody,
} from "./control-schemas.js";
import { AddWabaBody, addWaba } from "./add-waba.js";
import { receiveInbound } from "./inbound.js";
import { stateView } from "./state-view.js";

/**
 * The control API under `/_emulator` (api-contract.md, "The Meta emulator"): play the customer,
 * inspect what was sent, revoke tokens, decide template reviews, inject faults, move the clock
 * and reset. Never faulted, never authenticated: it exists for tests and demos.
 */
export function registerControlRoutes(app: FastifyInstance, ctx: EmulatorContext, reset: () => void): void {
  app.post("/_emulator/inbound", async (request) => receiveInbound(ctx, parseControl(InboundBody, request.body)));

  app.get("/_emulator/messages", async (request) => {
    const { phoneNumberId } = request.query as { phoneNumberId?: string };
    const data = [...ctx.state.messages.values()]
      .filter((m) => !phoneNumberId || m.phoneNumberId === phoneNumberId)
      .map((m) => ({ ...m, failure: m.failure ?? null }));
    return { data };
  });

  app.get("/_emulator/inbound", async () => ({ data: [...ctx.state.inbound.values()] }));

  app.post("/_emulator/wabas", async (request, reply) =>
    reply.status(201).send(addWaba(ctx, parseControl(AddWabaBody, request.body ?? {}))),
  );

  app.patch("/_emulator/app", async (request) => {
    ctx.state.app.requireAppSecret = parseControl(AppPatch, request.body).requireAppSecret;
    return { requireAppSecret: ctx.state.app.requireAppSecret };
  });

  app.post("/_emulator/tokens/revoke", async (request) => {
    const { accessToken } = parseControl(RevokeBody, request.body);
    if (accessToken !== undefined && !ctx.state.tokens.has(accessToken))
      throw graphErrors.invalidParameter("Unknown accessToken.");
    let revoked = 0;
    for (const record of ctx.state.tokens.values()) {
      if (accessToken !== undefined && record.token !== accessToken) continue;
      if (!record.revoked) revoked += 1;
      record.revoked = true;
    }
    return { revoked };
  });

  app.post("/_emulator/templates/:id/review", async (request) => {
    const { id } = request.params as { id: string };
    const { status, reason } = parseControl(ReviewBody, request.body);
    const template = ctx.state.templates.get(id);
    if (!template) throw graphErrors.unknownObject(id, "POST");
    reviewTemplate(ctx, template, status, reason);
    return { id, status: template.status, rejectedReason: template.rejectedReason };
  });

  app.post("/_emulator/faults", async (request) => ctx.faults.add(parseControl(FaultBody, request.body)));
  app.get("/_emulator/faults", async () => ({ data: ctx.faults.list() }));
  app.delete("/_emulator/faults", async () => {
    ctx.faults.clear();
    return { success: true };
  });

  app.post("/_emulator/clock", async (request) => {
    const { advanceMs } = parseControl(ClockBody, request.body);
    return { now: ctx.clock.advance(advanceMs), offsetMs: ctx.clock.offsetMs() };
  });
  app.get("/_emulator/clock", async () => ({ now: ctx.clock.now(), offsetMs: ctx.clock.offsetMs() }));

  app.patch("/_emulator/phone-numbers/:id", async (request) => {
    const { id } = request.params as { id: string };
    const phone = ctx.state.phoneNumbers.get(id);
    if (!phone) throw graphErrors.unknownObject(id, "PATCH");
    const patch = parseControl(PhoneNumberPatch, request.body);
    for (const [key, value] of Object.entries(patch)) if (value !== undefined) Object.assign(phone, { [key]: value });
    return { success: true };
  });

  app.put("/_emulator/webhook-url", async (request) => {
    ctx.webhookUrl = parseControl(WebhookUrlBody, request.body).url ?? undefined;
    return { webhookUrl: ctx.webhookUrl ?? null };
  });

  app.get("/_emulator/webhooks", async () => ({
    deliveries: ctx.webhooks.log.deliveries,
    dropped: ctx.webhooks.log.dropped,
  }));

  app.post("/_emulator/reset", async () => {
    reset();
    return { success: true };
  });

  app.get("/_emulator/state", async () => stateView(ctx));
}
