import type { FastifyInstance, FastifyRequest } from "fastify";
import { CatalogProduct, ItemsBatchRequest } from "../../graph/index.js";
import { requireCatalog } from "../auth/authorize.js";
import type { EmulatorContext } from "../core/context.js";
import { bucHeader } from "../core/buc-usage.js";
import { GraphError } from "../core/graph-error.js";
import { batchHandle } from "../core/ids.js";
import { graphErrors } from "../core/meta-errors.js";
import { nodePage } from "../http/paging.js";
import { allParams, deleteAuthParams, jsonParam, requireString, stringParam } from "../http/params.js";
import { zodToGraphError } from "../http/zod-errors.js";
import { edgeCall } from "../nodes/edges.js";
import { planBatch, settleBatches } from "./items-batch.js";
import { findProduct, PRODUCT_DEFAULT_FIELDS, productNode, upsertProduct } from "./products.js";

const NUMERIC_PRODUCT_FIELDS = ["price", "sale_price", "inventory"];

function catalogOf(ctx: EmulatorContext, request: FastifyRequest, method: string, edge: string): string {
  const { id } = edgeCall(ctx, request, method, edge, "catalog", requireCatalog);
  settleBatches(ctx.state, ctx.clock.now(), ctx.options.batchProcessingMs);
  return id;
}

/** Form posts send every value as text; `/products` wants integer minor units. */
function productBody(request: FastifyRequest): Record<string, unknown> {
  const body = allParams(request);
  deleteAuthParams(body);
  for (const key of NUMERIC_PRODUCT_FIELDS) {
    if (typeof body[key] === "string" && /^\d+$/.test(body[key])) body[key] = Number(body[key]);
  }
  return body;
}

/** Catalog products (`/products`) and the asynchronous batch API (`items_batch` + status). */
export function registerCatalogRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.post("/:version/:id/products", async (request) => {
    const catalogId = catalogOf(ctx, request, "POST", "products");
    const body = productBody(request);
    const parsed = CatalogProduct.safeParse(body);
    if (!parsed.success) throw zodToGraphError(parsed.error, body);
    if (findProduct(ctx.state, catalogId, parsed.data.retailer_id)) {
      throw new GraphError(400, {
        message: "(#10800) Duplicate retailer_id when attempting to create a product item",
        type: "OAuthException",
        code: 10800,
        error_data: {
          messaging_product: "whatsapp",
          details: `retailer_id ${parsed.data.retailer_id} already exists in this catalog`,
        },
      });
    }
    const product = upsertProduct(ctx.state, catalogId, parsed.data, ctx.clock.now());
    return { id: product.id };
  });

  app.get("/:version/:id/products", async (request) => {
    const catalogId = catalogOf(ctx, request, "GET", "products");
    const nodes = [...ctx.state.products.values()].filter((p) => p.catalogId === catalogId).map(productNode);
    return nodePage(ctx, request, nodes, PRODUCT_DEFAULT_FIELDS, "ProductItem");
  });

  app.post("/:version/:id/items_batch", async (request) => {
    const catalogId = catalogOf(ctx, request, "POST", "items_batch");
    const raw = allParams(request);
    const body = {
      item_type: raw["item_type"],
      allow_upsert: parseBool(raw["allow_upsert"]),
      requests: jsonParam(raw, "requests"),
    };
    if (body.allow_upsert === undefined) delete body.allow_upsert;
    const parsed = ItemsBatchRequest.safeParse(body);
    if (!parsed.success) throw zodToGraphError(parsed.error, body);
    throttleBatchCalls(ctx, catalogId);
    const batch = planBatch(ctx.state, catalogId, parsed.data, batchHandle(), ctx.clock.now());
    ctx.state.batches.set(batch.handle, batch);
    const invalid = new Map<string, string[]>();
    for (const e of batch.errors) invalid.set(e.id, [...(invalid.get(e.id) ?? []), e.message]);
    return {
      handles: [batch.handle],
      validation_status: [...invalid].map(([retailerId, messages]) => ({
        retailer_id: retailerId,
        errors: messages.map((message) => ({ message })),
        warnings: [],
      })),
    };
  });

  app.get("/:version/:id/check_batch_request_status", async (request) => {
    const catalogId = catalogOf(ctx, request, "GET", "check_batch_request_status");
    const handle = requireString(allParams(request), "handle");
    const batch = ctx.state.batches.get(handle);
    if (!batch || batch.catalogId !== catalogId) throw graphErrors.invalidParameter(`Unknown batch handle ${handle}.`);
    const withIds = stringParam(allParams(request), "load_ids_of_invalid_requests") === "true";
    if (batch.finished) batch.finishedSeenAt ??= ctx.clock.now();
    return {
      data: [
        {
          handle: batch.handle,
          status: batch.finished ? "finished" : "started",
          errors_total_count: batch.errors.length,
          warnings_total_count: batch.warnings.length,
          errors: batch.errors,
          warnings: batch.warnings,
          ...(withIds ? { ids_of_invalid_requests: batch.errors.map((e) => e.id) } : {}),
        },
      ],
    };
  });
}

const HOUR_MS = 3_600_000;

/**
 * Meta's "Catalog Batch" rate limit: a catalog takes so many items_batch calls an hour, then
 * 80014 "There have been too many calls for the batch uploads to this catalog account" (Marketing
 * API, product catalog items_batch, error codes), with the usage header saying when to come back.
 */
function throttleBatchCalls(ctx: EmulatorContext, catalogId: string): void {
  const now = ctx.clock.now();
  const calls = (ctx.state.catalogBatchCalls.get(catalogId) ?? []).filter((t) => t > now - HOUR_MS);
  if (calls.length >= ctx.options.catalogBatchCallsPerHour) {
    const regainMinutes = Math.max(1, Math.ceil((calls[0]! + HOUR_MS - now) / 60_000));
    ctx.state.catalogBatchCalls.set(catalogId, calls);
    throw new GraphError(
      400,
      {
        message:
          "(#80014) There have been too many calls for the batch uploads to this catalog account. Wait a bit and try again.",
        type: "OAuthException",
        code: 80014,
        is_transient: true,
      },
      {
        "x-business-use-case-usage": bucHeader(catalogId, {
          type: "catalog_batch",
          call_count: 100,
          total_cputime: 100,
          total_time: 100,
          estimated_time_to_regain_access: regainMinutes,
        }),
      },
    );
  }
  calls.push(now);
  ctx.state.catalogBatchCalls.set(catalogId, calls);
}

function parseBool(value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "boolean") return value;
  return value === "true" || value === "1";
}
