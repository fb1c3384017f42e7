import { requireCatalog, requireToken } from "../auth/authorize.js";
import { requestedFields } from "../http/fields.js";
import type { NodeHandler } from "../nodes/node-routes.js";
import { settleBatches } from "./items-batch.js";
import { PRODUCT_DEFAULT_FIELDS, productNode } from "./products.js";

export const readCatalog: NodeHandler = (ctx, request, params) => {
  requireCatalog(requireToken(ctx, request), params.id);
  settleBatches(ctx.state, ctx.clock.now(), ctx.options.batchProcessingMs);
  const catalog = ctx.state.catalogs.get(params.id)!;
  const productCount = [...ctx.state.products.values()].filter((p) => p.catalogId === catalog.id).length;
  const node = { id: catalog.id, name: catalog.name, product_count: productCount, vertical: "commerce" };
  return requestedFields(request, node, ["name"], "ProductCatalog");
};

export const readProduct: NodeHandler = (ctx, request, params) => {
  const product = ctx.state.products.get(params.id)!;
  requireCatalog(requireToken(ctx, request), product.catalogId);
  return requestedFields(request, productNode(product), PRODUCT_DEFAULT_FIELDS, "ProductItem");
};
