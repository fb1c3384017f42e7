import type { FastifyInstance, FastifyRequest } from "fastify";
import { requireManagement, requireWabaRead } from "../auth/authorize.js";
import type { EmulatorContext } from "../core/context.js";
import { graphErrors } from "../core/meta-errors.js";
import { allParams, requireString } from "../http/params.js";
import { edgeCall, phoneEdge } from "../nodes/edges.js";

/**
 * Selling on WhatsApp (meta-cloud-api.md §9.1): the catalog connected to a WABA
 * (`/{waba_id}/product_catalogs`, GET / POST {catalog_id} / DELETE ?catalog_id=) and a number's
 * commerce settings (`/{phone_number_id}/whatsapp_commerce_settings`: is_catalog_visible,
 * is_cart_enabled; POST takes them as query parameters, per Meta's OpenAPI file).
 */
export function registerCommerceRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const waba = (request: FastifyRequest, method: string, write: boolean) => {
    const { id } = edgeCall(
      ctx,
      request,
      method,
      "product_catalogs",
      "waba",
      write ? requireManagement : requireWabaRead,
    );
    return ctx.state.wabas.get(id)!;
  };

  app.get("/:version/:id/product_catalogs", async (request) => {
    const w = waba(request, "GET", false);
    const data = [...(ctx.state.wabaCatalogs.get(w.id) ?? [])].map((id) => ({
      id,
      name: ctx.state.catalogs.get(id)?.name ?? "",
    }));
    return { data };
  });

  app.post("/:version/:id/product_catalogs", async (request) => {
    const w = waba(request, "POST", true);
    const catalogId = requireString(allParams(request), "catalog_id");
    const catalog = ctx.state.catalogs.get(catalogId);
    if (!catalog) throw graphErrors.unknownObject(catalogId, "POST");
    if (catalog.businessId !== w.businessId)
      throw graphErrors.invalidParameter(
        "The catalog is not owned by or shared with this WhatsApp Business Account's business.",
      );
    // One catalog per WABA: connecting another replaces it.
    ctx.state.wabaCatalogs.set(w.id, new Set([catalogId]));
    return { success: true };
  });

  app.delete("/:version/:id/product_catalogs", async (request) => {
    const w = waba(request, "DELETE", true);
    const catalogId = requireString(allParams(request), "catalog_id");
    const linked = ctx.state.wabaCatalogs.get(w.id);
    if (!linked?.has(catalogId))
      throw graphErrors.invalidParameter(`Catalog ${catalogId} is not connected to this account.`);
    linked.delete(catalogId);
    return { success: true };
  });

  const phone = (request: FastifyRequest, method: string, write: boolean) =>
    phoneEdge(ctx, request, method, "whatsapp_commerce_settings", write ? requireManagement : requireWabaRead);
  const settingsOf = (id: string) =>
    ctx.state.commerceSettings.get(id) ?? { isCartEnabled: true, isCatalogVisible: false };

  app.get("/:version/:id/whatsapp_commerce_settings", async (request) => {
    const number = phone(request, "GET", false);
    const s = settingsOf(number.id);
    return { data: [{ is_cart_enabled: s.isCartEnabled, is_catalog_visible: s.isCatalogVisible, id: number.id }] };
  });

  app.post("/:version/:id/whatsapp_commerce_settings", async (request) => {
    const number = phone(request, "POST", true);
    const params = allParams(request);
    const flag = (name: string): boolean | undefined => {
      const v = params[name];
      if (v === undefined) return undefined;
      if (v === true || v === "true") return true;
      if (v === false || v === "false") return false;
      throw graphErrors.invalidParameter(`${name} must be true or false.`);
    };
    const cart = flag("is_cart_enabled");
    const visible = flag("is_catalog_visible");
    if (cart === undefined && visible === undefined)
      throw graphErrors.requiredParameter("is_cart_enabled or is_catalog_visible");
    const s = settingsOf(number.id);
    ctx.state.commerceSettings.set(number.id, {
      isCartEnabled: cart ?? s.isCartEnabled,
      isCatalogVisible: visible ?? s.isCatalogVisible,
    });
    return { success: true };
  });
}
