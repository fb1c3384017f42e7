import type { FastifyInstance } from "fastify";
import type { EmulatorContext } from "../core/context.js";
import { graphErrors } from "../core/meta-errors.js";
import { reviewTemplate } from "../templates/review-template.js";
import {
  AppPatch,
  BusinessPatch,
  ClockBody,
  AccountWebhookBody,
  ChaosBody,
  FaultBody,
  InboundBody,
  parseControl,
  PhoneNumberPatch,
  ReviewBody,
  RevokeBody,
  WebhookUrlBody,
} from "./control-schemas.js";
import { AddWabaBody, addWaba } from "./add-waba.js";
import { baseUrl } from "../http/urls.js";
import { publish } from "../webhooks/publish.js";
import { receiveInbound } from "./inbound.js";
import { addForeignNumber, ForeignNumberBody, HealthBody, setHealth } from "./number-lifecycle.js";
import { stateView } from "./state-view.js";
import { registerCatalogControl } from "./catalog-control.js";

/**
 * The control API under `/_emulator` (api-contract.md, "The Meta emulator"): play the customer,
 * inspect what was sent, revoke tokens, decide template reviews, inject faults, move the clock
 * and reset. Never faulted, never authenticated: it exists for tests and demos.
 */
export function registerControlRoutes(app: FastifyInstance, ctx: EmulatorContext, reset: () => void): void {
  app.post("/_emulator/inbound", async (request) =>
    receiveInbound(ctx, parseControl(InboundBody, request.body), baseUrl(ctx, request)),
  );

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
    const patch = parseControl(AppPatch, request.body);
    if (patch.requireAppSecret !== undefined) ctx.state.app.requireAppSecret = patch.requireAppSecret;
    if (patch.webhookVersion !== undefined) ctx.state.app.webhookVersion = patch.webhookVersion;
    return { requireAppSecret: ctx.state.app.requireAppSecret, webhookVersion: ctx.state.app.webhookVersion };
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

  // Meta's own account, number-quality, capability and template quality/category changes. A
  // template's quality score or (completed) category change is applied to the template first, so
  // Graph reads agree with the webhook.
  app.post("/_emulator/webhooks/account", async (request) => {
    const { field, wabaId: given, value } = parseControl(AccountWebhookBody, request.body);
    const wabaId = given ?? [...ctx.state.wabas.keys()][0]!;
    if (!ctx.state.wabas.has(wabaId)) throw graphErrors.unknownObject(wabaId, "POST");
    const templateId = value["message_template_id"];
    const template =
      typeof templateId === "number" || typeof templateId === "string"
        ? ctx.state.templates.get(String(templateId))
        : undefined;
    if (template && field === "message_template_quality_update" && typeof value["new_quality_score"] === "string")
      template.qualityScore = value["new_quality_score"] as typeof template.qualityScore;
    if (template && field === "template_category_update" && value["previous_category"] !== undefined)
      template.category = String(value["new_category"]);
    return { webhook: publish(ctx, wabaId, field, value) };
  });

  app.put("/_emulator/chaos", async (request) => {
    ctx.webhooks.setChaos(parseControl(ChaosBody, request.body ?? {}));
    return { chaos: ctx.webhooks.chaosState() };
  });
  app.get("/_emulator/chaos", async () => ({ chaos: ctx.webhooks.chaosState() }));
  app.delete("/_emulator/chaos", async () => {
    ctx.webhooks.setChaos(null);
    return { chaos: null };
  });
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
    const { twoStepEnabled, ...patch } = parseControl(PhoneNumberPatch, request.body);
    for (const [key, value] of Object.entries(patch)) if (value !== undefined) Object.assign(phone, { [key]: value });
    // Turning two-step verification off is done in WhatsApp Manager (no API); on sets a PIN.
    if (twoStepEnabled === false) phone.pin = null;
    if (twoStepEnabled === true && phone.pin === null) phone.pin = "246810";
    return { success: true };
  });

  // Numbers over their life: a number at another provider (to migrate), its OTP, its health.
  app.post("/_emulator/foreign-numbers", async (request, reply) =>
    reply.status(201).send(addForeignNumber(ctx, parseControl(ForeignNumberBody, request.body))),
  );

  app.get("/_emulator/phone-numbers/:id/otp", async (request) => {
    const { id } = request.params as { id: string };
    const phone = ctx.state.phoneNumbers.get(id);
    if (!phone) throw graphErrors.unknownObject(id, "GET");
    return { id, code: phone.verificationCode ?? null, codeVerificationStatus: phone.codeVerificationStatus };
  });

  app.post("/_emulator/phone-numbers/:id/health", async (request) => {
    const { id } = request.params as { id: string };
    const phone = ctx.state.phoneNumbers.get(id);
    if (!phone) throw graphErrors.unknownObject(id, "POST");
    const webhook = setHealth(ctx, phone, parseControl(HealthBody, request.body));
    return { id, canSend: phone.health?.canSend, webhook };
  });

  app.patch("/_emulator/businesses/:id", async (request) => {
    const { id } = request.params as { id: string };
    const business = ctx.state.businesses.get(id);
    if (!business) throw graphErrors.unknownObject(id, "PATCH");
    const patch = parseControl(BusinessPatch, request.body);
    if (patch.messagingLimit !== undefined) business.messagingLimit = patch.messagingLimit;
    if (patch.verificationStatus !== undefined) business.verificationStatus = patch.verificationStatus;
    if (patch.parentId === null) delete business.parentId;
    else if (patch.parentId !== undefined) business.parentId = patch.parentId;
    return {
      id,
      messagingLimit: business.messagingLimit,
      verificationStatus: business.verificationStatus,
      parentId: business.parentId ?? null,
    };
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

  registerCatalogControl(app, ctx);
}
