import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { EmulatorContext } from "../core/context.js";
import { graphErrors } from "../core/meta-errors.js";
import { parseControl } from "./control-schemas.js";

const RejectionBody = z.strictObject({
  retailerId: z.string().min(1),
  /** What Meta says about the item in `check_batch_request_status`. */
  message: z.string().min(1).max(1000).optional(),
});

/**
 * Catalog controls: make Meta reject an item in the batches that carry it from now on (as its
 * review would, e.g. a policy violation), and see the batches a client sent (how many requests,
 * by method) to count what a sync pushed.
 */
export function registerCatalogControl(app: FastifyInstance, ctx: EmulatorContext): void {
  const catalogOf = (id: string, method: string) => {
    if (!ctx.state.catalogs.has(id)) throw graphErrors.unknownObject(id, method);
    return id;
  };

  app.post("/_emulator/catalogs/:id/rejections", async (request) => {
    const catalogId = catalogOf((request.params as { id: string }).id, "POST");
    const { retailerId, message } = parseControl(RejectionBody, request.body);
    const rejections = ctx.state.catalogRejections.get(catalogId) ?? new Map<string, string>();
    rejections.set(retailerId, message ?? "The item's image could not be downloaded (image_link).");
    ctx.state.catalogRejections.set(catalogId, rejections);
    return { rejections: Object.fromEntries(rejections) };
  });

  app.delete("/_emulator/catalogs/:id/rejections", async (request) => {
    const catalogId = catalogOf((request.params as { id: string }).id, "DELETE");
    ctx.state.catalogRejections.delete(catalogId);
    return { rejections: {} };
  });

  app.get("/_emulator/catalogs/:id/batches", async (request) => {
    const catalogId = catalogOf((request.params as { id: string }).id, "GET");
    const withIds = (request.query as Record<string, unknown>)["retailerIds"] === "true";
    const data = [...ctx.state.batches.values()]
      .filter((b) => b.catalogId === catalogId)
      .map((b) => ({
        handle: b.handle,
        createdAt: b.createdAt,
        finished: b.finished,
        finishedSeenAt: b.finishedSeenAt ?? null,
        requestCount: b.requestCount ?? null,
        methods: b.methods ?? {},
        errors: b.errors,
        ...(withIds ? { retailerIds: b.retailerIds ?? [] } : {}),
      }));
    return { data };
  });
}
