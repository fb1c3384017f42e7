import { KnownInboundMessage } from "../../channels/index.js";

/** A customer's cart sent from a catalog, product or multi-product message (Meta's inbound `order`). */
export interface InboundOrder {
  catalogId: string;
  text: string | null;
  items: { retailerId: string; quantity: number; itemPrice: number; currency: string }[];
  /** Units across the items. */
  quantity: number;
  /** Sum of quantity × item price; null when the items are in more than one currency. */
  total: { amount: number; currency: string } | null;
}

/**
 * Reads an inbound `order` message as Meta sent it, or null for any other message or a body that
 * does not match Meta's schema (then it stays stored as received and previews as `[order]`).
 * Meta sends `item_price` as a decimal in the catalog's currency (OpenAPI: float, e.g. 30.0).
 */
export function orderOf(content: unknown): InboundOrder | null {
  const parsed = KnownInboundMessage.safeParse(content);
  if (!parsed.success || parsed.data.type !== "order") return null;
  const order = parsed.data.order;
  const items = order.product_items.map((p) => ({
    retailerId: p.product_retailer_id,
    quantity: p.quantity,
    itemPrice: p.item_price,
    currency: p.currency,
  }));
  const currencies = new Set(items.map((i) => i.currency));
  const [currency] = currencies;
  // Rounded to a millionth: 0.1 × 3 is 0.30000000000000004 in binary floating point.
  const amount = Math.round(items.reduce((sum, i) => sum + i.quantity * i.itemPrice, 0) * 1e6) / 1e6;
  return {
    catalogId: order.catalog_id,
    text: order.text ? order.text : null,
    items,
    quantity: items.reduce((n, i) => n + i.quantity, 0),
    total: currencies.size === 1 && currency !== undefined ? { amount, currency } : null,
  };
}

/** `9.5` + `EUR` → `€9.50`; an unknown currency code falls back to `9.50 XYZ`. */
export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** The inbox line: `Order: 3 items, €28.50`. */
export function orderPreview(content: unknown): string | null {
  const order = orderOf(content);
  if (!order) return null;
  const units = `${order.quantity} ${order.quantity === 1 ? "item" : "items"}`;
  return order.total ? `Order: ${units}, ${formatMoney(order.total.amount, order.total.currency)}` : `Order: ${units}`;
}
