import type { FastifyInstance } from "fastify";
import { requireManagement, requireWabaRead } from "../auth/authorize.js";
import type { EmulatorContext } from "../core/context.js";
import { nodePage } from "../http/paging.js";
import { allParams, stringParam } from "../http/params.js";
import { edgeCall } from "../nodes/edges.js";
import { PHONE_NUMBER_DEFAULT_FIELDS, phoneNumberNode } from "../phone-numbers/phone-number-node.js";
import { verifyCallback } from "./verify-callback.js";
import { WABA_DEFAULT_FIELDS, wabaNode } from "./waba-node.js";

/** WABA edges: its numbers, the app subscription that routes its webhooks, and business edges. */
export function registerWabaRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get("/:version/:id/phone_numbers", async (request) => {
    const params = edgeCall(ctx, request, "GET", "phone_numbers", "waba", requireWabaRead);
    const nodes = ctx.state.phoneNumbersOf(params.id).map((p) => phoneNumberNode(ctx, p, params.version));
    return nodePage(ctx, request, nodes, PHONE_NUMBER_DEFAULT_FIELDS, "WhatsAppBusinessPhoneNumber");
  });

  app.get("/:version/:id/subscribed_apps", async (request) => {
    const params = edgeCall(ctx, request, "GET", "subscribed_apps", "waba", requireManagement);
    const waba = ctx.state.wabas.get(params.id)!;
    const data = [...waba.subscribedApps.values()].map((s) => ({
      whatsapp_business_api_data: {
        id: s.appId,
        link: `https://www.facebook.com/games/?app_id=${s.appId}`,
        name: ctx.state.app.name,
      },
      ...(s.overrideCallbackUri ? { override_callback_uri: s.overrideCallbackUri } : {}),
    }));
    return { data };
  });

  app.post("/:version/:id/subscribed_apps", async (request) => {
    const { id, token } = edgeCall(ctx, request, "POST", "subscribed_apps", "waba", requireManagement);
    const body = allParams(request);
    const override = stringParam(body, "override_callback_uri");
    if (override) await verifyCallback(override, stringParam(body, "verify_token") ?? "", ctx.options.webhookTimeoutMs);
    ctx.state.wabas.get(id)!.subscribedApps.set(token.appId, {
      appId: token.appId,
      ...(override ? { overrideCallbackUri: override } : {}),
    });
    return { success: true };
  });

  app.delete("/:version/:id/subscribed_apps", async (request) => {
    const { id, token } = edgeCall(ctx, request, "DELETE", "subscribed_apps", "waba", requireManagement);
    ctx.state.wabas.get(id)!.subscribedApps.delete(token.appId);
    return { success: true };
  });

  // Embedded Signup clients also find WABAs through the business portfolio.
  for (const edge of ["owned_whatsapp_business_accounts", "client_whatsapp_business_accounts"] as const) {
    app.get(`/:version/:id/${edge}`, async (request) => {
      const { token, ...params } = edgeCall(ctx, request, "GET", edge, "business");
      const wabas = edge === "client_whatsapp_business_accounts" ? [] : [...ctx.state.wabas.values()];
      const visible = wabas
        .filter((w) => w.businessId === params.id)
        .filter((w) => token.granularScopes.some((g) => g.targetIds?.includes(w.id)))
        .map((w) => wabaNode(ctx, w, params.version));
      return nodePage(ctx, request, visible, WABA_DEFAULT_FIELDS, "WhatsAppBusinessAccount");
    });
  }
}
