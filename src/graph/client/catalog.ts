import { type GraphResult, type GraphTransport, segment } from "../http/transport.js";
import type { GraphListQuery } from "../wire/common.js";
import {
  BatchStatusResponse,
  type CatalogItemData,
  CatalogProduct,
  CatalogProductList,
  CatalogProductResponse,
  ItemsBatchRequest,
  ItemsBatchResponse,
} from "../wire/catalog.js";

/**
 * Catalog sync. `items_batch` is Meta's preferred path (<= 5,000 requests, <= 28 MB per call) and
 * is asynchronous: a 200 only means accepted, so poll `getBatchStatus` with the returned handle.
 * Needs `catalog_management` on the token.
 */

export function createCatalogApi(t: GraphTransport) {
  const api = {
    /** `GET /{catalog_id}/products`: also the cheapest proof that a token can read a catalog. */
    async listProducts(
      token: string,
      catalogId: string,
      q: GraphListQuery = {},
    ): Promise<GraphResult<CatalogProductList>> {
      const query = { fields: q.fields?.join(","), limit: q.limit, after: q.after, before: q.before };
      return t.call({
        method: "GET",
        path: `${segment(catalogId)}/products`,
        token,
        query,
        retry: true,
        schema: CatalogProductList,
      });
    },

    /** `POST /{catalog_id}/products`: create one product (fails if the retailer_id exists). */
    async createProduct(
      token: string,
      catalogId: string,
      product: CatalogProduct,
    ): Promise<GraphResult<CatalogProductResponse>> {
      const json = CatalogProduct.parse(product);
      return t.call({
        method: "POST",
        path: `${segment(catalogId)}/products`,
        token,
        json,
        retry: false,
        schema: CatalogProductResponse,
      });
    },

    async itemsBatch(
      token: string,
      catalogId: string,
      body: ItemsBatchRequest,
    ): Promise<GraphResult<ItemsBatchResponse>> {
      const json = ItemsBatchRequest.parse(body);
      return t.call({
        method: "POST",
        path: `${segment(catalogId)}/items_batch`,
        token,
        json,
        retry: false,
        schema: ItemsBatchResponse,
      });
    },

    /** Create-or-update one item: an `UPDATE` with `allow_upsert` creates it when missing. */
    async upsertProduct(
      token: string,
      catalogId: string,
      item: CatalogItemData,
    ): Promise<GraphResult<ItemsBatchResponse>> {
      return api.itemsBatch(token, catalogId, {
        item_type: "PRODUCT_ITEM",
        allow_upsert: true,
        requests: [{ method: "UPDATE", data: item }],
      });
    },

    async getBatchStatus(
      token: string,
      catalogId: string,
      handle: string,
      opts: { loadIdsOfInvalidRequests?: boolean } = {},
    ): Promise<GraphResult<BatchStatusResponse>> {
      const query = { handle, load_ids_of_invalid_requests: opts.loadIdsOfInvalidRequests };
      return t.call({
        method: "GET",
        path: `${segment(catalogId)}/check_batch_request_status`,
        token,
        query,
        retry: true,
        schema: BatchStatusResponse,
      });
    },
  };
  return api;
}

export type CatalogApi = ReturnType<typeof createCatalogApi>;
