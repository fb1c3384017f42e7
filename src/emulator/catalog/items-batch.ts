import type { ItemsBatchRequest } from "../../graph/index.js";
import type { EmulatorState } from "../state/emulator-state.js";
import type { BatchRecord } from "../state/content-model.js";
import { findProduct, fromBatchData, removeProduct, upsertProduct } from "./products.js";

const REQUIRED_ON_CREATE = [
  "title",
  "description",
  "availability",
  "condition",
  "price",
  "link",
  "image_link",
] as const;

/**
 * Checks each request the way Meta reports them per item: a CREATE needs every required field,
 * an UPDATE of an unknown item needs `allow_upsert`, a DELETE of an unknown item is an error.
 * Valid requests are applied when the batch finishes; invalid ones are listed by retailer id.
 */
export function planBatch(
  state: EmulatorState,
  catalogId: string,
  input: ItemsBatchRequest,
  handle: string,
  now: number,
): BatchRecord {
  const batch: BatchRecord = {
    handle,
    catalogId,
    createdAt: now,
    errors: [],
    warnings: [],
    pending: [],
    finished: false,
    requestCount: input.requests.length,
    methods: {},
    retailerIds: input.requests.map((r) => r.data.id),
  };
  const upsert = input.allow_upsert ?? true;
  const rejections = state.catalogRejections.get(catalogId);
  for (const { method, data } of input.requests) {
    batch.methods![method] = (batch.methods![method] ?? 0) + 1;
    const rejected = method === "DELETE" ? undefined : rejections?.get(data.id);
    const exists = findProduct(state, catalogId, data.id) !== undefined;
    const missing =
      method === "CREATE" ? REQUIRED_ON_CREATE.filter((f) => data[f] === undefined || data[f] === "") : [];
    if (rejected !== undefined) {
      batch.errors.push({ id: data.id, message: rejected });
    } else if (missing.length > 0) {
      batch.errors.push({ id: data.id, message: `Missing required field(s): ${missing.join(", ")}` });
    } else if (method === "UPDATE" && !exists && !upsert) {
      batch.errors.push({ id: data.id, message: "Item does not exist and allow_upsert is false" });
    } else if (method === "DELETE" && !exists) {
      batch.errors.push({ id: data.id, message: "Item does not exist" });
    } else {
      if (method === "CREATE" && exists)
        batch.warnings.push({ id: data.id, message: "Item already existed and was updated" });
      batch.pending.push({ method, retailerId: data.id, data: fromBatchData(data) });
    }
  }
  return batch;
}

/** Meta processes batches asynchronously; this applies the ones whose time has come. */
export function settleBatches(state: EmulatorState, now: number, processingMs: number): void {
  for (const batch of state.batches.values()) {
    if (batch.finished || now - batch.createdAt < processingMs) continue;
    for (const request of batch.pending) {
      if (request.method === "DELETE") {
        const product = findProduct(state, batch.catalogId, request.retailerId);
        if (product) removeProduct(state, product);
      } else upsertProduct(state, batch.catalogId, request.data, now);
    }
    batch.pending = [];
    batch.finished = true;
  }
}
