import { z } from "zod";

/*
 * The commerce event types Wharf knows: what a store (or any business system) may tell Wharf
 * happened to a customer. Each `data` schema names the fields automations rely on and lets any
 * other field through (a store's order has hundreds); amounts are decimal strings or numbers, as
 * stores send them. A workspace adds its own types with a field list (`custom-event-types.ts`).
 */

const money = z.union([z.string().regex(/^-?\d+(\.\d+)?$/), z.number()]).describe("a decimal amount");
const currency = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .describe("ISO 4217");
const item = z.looseObject({
  title: z.string().max(500),
  quantity: z.number().int().min(0),
  price: money.optional(),
  sku: z.string().max(200).nullable().optional(),
  productId: z.string().max(100).nullable().optional(),
  variantId: z.string().max(100).nullable().optional(),
});
const items = z.array(item).max(500);
const id = z.string().min(1).max(200);

const order = {
  orderId: id.describe("the store's order id"),
  orderNumber: z.string().max(100).optional().describe("what the customer sees, e.g. #1001"),
  total: money.optional(),
  currency: currency.optional(),
  items: items.optional(),
  statusUrl: z.url().max(2000).optional(),
};
const checkout = {
  checkoutToken: id.describe("the store's checkout token: what ties created, abandoned and completed together"),
  total: money.optional(),
  currency: currency.optional(),
  items: items.optional(),
  recoveryUrl: z.url().max(2000).optional().describe("where the customer resumes the checkout"),
};
const customer = {
  customerId: id.optional().describe("the store's customer id"),
  firstName: z.string().max(200).nullable().optional(),
  lastName: z.string().max(200).nullable().optional(),
};

export const BUILT_IN_EVENT_TYPES = {
  "order.created": {
    summary: "An order was placed.",
    data: z.looseObject(order),
  },
  "order.fulfilled": {
    summary: "An order was fulfilled (shipped or handed over).",
    data: z.looseObject({
      ...order,
      trackingNumbers: z.array(z.string().max(200)).max(50).optional(),
      trackingUrls: z.array(z.url().max(2000)).max(50).optional(),
      carrier: z.string().max(200).nullable().optional(),
    }),
  },
  "order.cancelled": {
    summary: "An order was cancelled.",
    data: z.looseObject({ ...order, reason: z.string().max(200).nullable().optional() }),
  },
  "checkout.created": {
    summary:
      "A checkout started and is not completed: the start of an abandoned-cart automation (it waits, and exits on `checkout.completed` with the same `checkoutToken`).",
    data: z.looseObject(checkout),
  },
  "checkout.updated": {
    summary: "A checkout that is still not completed changed (contact details, items).",
    data: z.looseObject(checkout),
  },
  "checkout.abandoned": {
    summary: "A checkout the business considers abandoned (its own timing).",
    data: z.looseObject(checkout),
  },
  "checkout.completed": {
    summary: "A checkout became an order.",
    data: z.looseObject({ ...checkout, orderId: id.optional() }),
  },
  "customer.created": {
    summary: "The store created a customer.",
    data: z.looseObject(customer),
  },
  "customer.updated": {
    summary: "The store changed a customer (profile or marketing consent).",
    data: z.looseObject(customer),
  },
} as const satisfies Record<string, { summary: string; data: z.ZodObject }>;

export type BuiltInEventType = keyof typeof BUILT_IN_EVENT_TYPES;

export const isBuiltInEventType = (type: string): type is BuiltInEventType =>
  Object.prototype.hasOwnProperty.call(BUILT_IN_EVENT_TYPES, type);

/** `word.word`, lower case: the shape of every type, built in or registered. */
export const EVENT_TYPE_NAME = /^[a-z][a-z0-9_]{0,39}(\.[a-z][a-z0-9_]{0,39}){1,3}$/;
