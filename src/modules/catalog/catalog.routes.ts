import { Readable } from "node:stream";
import { z } from "zod";
import { AppError } from "../../platform/errors/index.js";
import { readRoute, requireWorkspace, type App } from "../../platform/http/index.js";
import type { CatalogDeps } from "./catalog-deps.js";
import { CatalogOut, describeCatalog } from "./catalog-view.js";
import { CommerceOut, describeCommerce, linkCatalog, setCommerceSettings } from "./commerce.js";
import { getImport, importProducts, importView, type ImportFormat } from "./import-products.js";
import { deleteProduct, getProduct, listProducts } from "./manage-products.js";
import { ProductFields, RetailerId } from "./product-fields.js";
import { ProductOut, productView } from "./product-view.js";
import { requestSync } from "./request-sync.js";
import { upsertProduct } from "./upsert-product.js";

const tags = ["catalog"];
const Params = z.object({ retailerId: RetailerId });
const writers = ["owner", "admin"] as const;

export function catalogRoutes(app: App, deps: CatalogDeps): void {
  app.put(
    "/v1/catalog/products/:retailerId",
    {
      config: { access: writers },
      schema: {
        tags,
        summary: "Create or replace a product (sent to the Meta catalog by the next sync)",
        params: Params,
        body: ProductFields,
        response: { 200: ProductOut, 201: ProductOut },
      },
    },
    async (request, reply) => {
      const { workspaceId } = requireWorkspace(request);
      const { result, row } = await upsertProduct(deps, workspaceId, request.params.retailerId, request.body);
      return reply.status(result === "created" ? 201 : 200).send(productView(row));
    },
  );

  readRoute(
    app,
    "/v1/catalog/products/:retailerId",
    { tags, summary: "One product with its sync status", params: Params, response: { 200: ProductOut } },
    (workspaceId, { params }) => getProduct(deps, workspaceId, params.retailerId),
  );

  app.delete(
    "/v1/catalog/products/:retailerId",
    {
      config: { access: writers },
      schema: {
        tags,
        summary: "Delete a product (deleted from the Meta catalog by the next sync)",
        params: Params,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteProduct(deps, requireWorkspace(request).workspaceId, request.params.retailerId);
      return reply.status(204).send(null);
    },
  );

  readRoute(
    app,
    "/v1/catalog/products",
    {
      tags,
      summary: "Products by retailer id, filtered by sync status or a search in title and retailer id",
      querystring: z.object({
        syncStatus: z.enum(["pending", "syncing", "synced", "error"]).optional(),
        q: z.string().trim().min(1).max(200).optional(),
        cursor: z
          .string()
          .max(200)
          .regex(/^[A-Za-z0-9_-]*$/)
          .optional(),
        limit: z.coerce.number().int().min(1).max(500).default(50),
      }),
      response: { 200: z.object({ data: z.array(ProductOut), nextCursor: z.string().nullable() }) },
    },
    (workspaceId, { query }) => listProducts(deps, workspaceId, query),
  );

  readRoute(
    app,
    "/v1/catalog",
    {
      tags,
      summary: "The catalog: its token's status, the last sync, products by status",
      response: { 200: CatalogOut },
    },
    (workspaceId) => describeCatalog(deps, workspaceId),
  );

  app.post(
    "/v1/catalog/sync",
    {
      config: { access: writers },
      schema: {
        tags,
        summary: "Run the catalog sync now (queued; GET /v1/catalog shows its progress)",
        response: { 202: CatalogOut },
      },
    },
    async (request, reply) => {
      const { workspaceId } = requireWorkspace(request);
      await requestSync(deps, deps.db, workspaceId, 0);
      deps.jobs.poke();
      return reply.status(202).send(await describeCatalog(deps, workspaceId));
    },
  );
}

const CONTENT_TYPES: Record<string, ImportFormat> = {
  "text/csv": "csv",
  "application/csv": "csv",
  "application/x-ndjson": "ndjson",
  "application/ndjson": "ndjson",
};

const ImportOut = z.object({
  id: z.string(),
  format: z.enum(["csv", "ndjson"]),
  status: z.enum(["running", "completed", "failed"]),
  counts: z.object({
    rows: z.number(),
    created: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    failed: z.number(),
  }),
  errors: z.array(z.object({ line: z.number(), message: z.string() })),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export function catalogImportRoutes(app: App, deps: CatalogDeps): void {
  // Uploads arrive as the raw request stream, read as they come (constant memory). Another module
  // may have registered the NDJSON parser on the shared instance already; it hands over the stream too.
  for (const type of Object.keys(CONTENT_TYPES))
    if (!app.hasContentTypeParser(type))
      app.addContentTypeParser(type, (_request, payload, done) => done(null, payload));

  app.post(
    "/v1/catalog/products/imports",
    {
      config: {
        access: writers,
        docs: {
          body: {
            contentType: "text/csv",
            schema: {
              type: "string",
              description:
                "a header row, then one product a row (or application/x-ndjson: one PUT body with its retailerId a line)",
            },
          },
        },
      },
      schema: {
        tags,
        summary:
          "Import products from a CSV store export (text/csv; a header row, price as 9.99 or 9.99 USD) or NDJSON (application/x-ndjson; one PUT body with its retailerId per line), streamed",
        response: { 201: ImportOut },
      },
    },
    async (request, reply) => {
      const { workspaceId } = requireWorkspace(request);
      const type = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
      const format = CONTENT_TYPES[type];
      if (!format || !(request.body instanceof Readable))
        throw new AppError(
          "UNSUPPORTED_MEDIA_TYPE",
          "Send the products as text/csv (a header row, then one product per row) or application/x-ndjson (one product per line).",
        );
      const body = request.body;
      try {
        // Not destroyed when the import stops early: that would reset the connection before the client reads the answer.
        const row = await importProducts(deps, workspaceId, format, body.iterator({ destroyOnReturn: false }));
        return reply.status(201).send(importView(row));
      } finally {
        body.resume();
      }
    },
  );

  readRoute(
    app,
    "/v1/catalog/products/imports/:id",
    {
      tags,
      summary: "An import's status, counts and the first 100 per-line errors",
      params: z.object({ id: z.string().max(64) }),
      response: { 200: ImportOut },
    },
    async (workspaceId, { params }) => importView(await getImport(deps, workspaceId, params.id)),
  );
}

export function commerceRoutes(app: App, deps: CatalogDeps): void {
  readRoute(
    app,
    "/v1/catalog/commerce",
    {
      tags,
      summary: "Whether the catalog is connected to the WABA, and each number's commerce settings (from Meta)",
      response: { 200: CommerceOut },
    },
    (workspaceId) => describeCommerce(deps, workspaceId),
  );

  app.put(
    "/v1/catalog/commerce/link",
    {
      config: { access: writers },
      schema: { tags, summary: "Connect the workspace's catalog to its WABA", response: { 200: CommerceOut } },
    },
    async (request) => linkCatalog(deps, requireWorkspace(request).workspaceId, true),
  );

  app.delete(
    "/v1/catalog/commerce/link",
    {
      config: { access: writers },
      schema: { tags, summary: "Disconnect the workspace's catalog from its WABA", response: { 200: CommerceOut } },
    },
    async (request) => linkCatalog(deps, requireWorkspace(request).workspaceId, false),
  );

  app.put(
    "/v1/catalog/commerce/numbers/:phoneNumberId",
    {
      config: { access: writers },
      schema: {
        tags,
        summary: "Show the catalog and enable the cart on a number (Meta's whatsapp_commerce_settings)",
        params: z.object({ phoneNumberId: z.string().max(64) }),
        body: z
          .strictObject({ isCatalogVisible: z.boolean().optional(), isCartEnabled: z.boolean().optional() })
          .refine((b) => b.isCatalogVisible !== undefined || b.isCartEnabled !== undefined, {
            message: "give isCatalogVisible, isCartEnabled or both",
          }),
        response: { 200: CommerceOut },
      },
    },
    async (request) =>
      setCommerceSettings(deps, requireWorkspace(request).workspaceId, request.params.phoneNumberId, request.body),
  );
}
