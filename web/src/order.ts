// A customer's order (Meta's inbound `order` message): the cart they sent from a product,
// multi-product or catalog message. `item_price` is a decimal in the catalog's currency.

import { locale } from "./i18n";

export interface OrderItem {
  retailerId: string;
  quantity: number;
  itemPrice: number;
  currency: string;
}

export interface Order {
  catalogId: string;
  text: string | null;
  items: OrderItem[];
  quantity: number;
  /** Null when the items are in more than one currency. */
  total: { amount: number; currency: string } | null;
}

type Obj = Record<string, unknown>;
const obj = (value: unknown): Obj | null =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Obj) : null;

/** The order in a message's content, or null when it is not one Meta's schema describes. */
export function orderOf(content: unknown): Order | null {
  const order = obj(obj(content)?.["order"]);
  if (!order || typeof order["catalog_id"] !== "string" || !Array.isArray(order["product_items"])) return null;
  const items: OrderItem[] = [];
  for (const raw of order["product_items"] as unknown[]) {
    const item = obj(raw);
    const [retailerId, quantity, itemPrice, currency] = [
      item?.["product_retailer_id"],
      item?.["quantity"],
      item?.["item_price"],
      item?.["currency"],
    ];
    if (
      typeof retailerId !== "string" ||
      typeof quantity !== "number" ||
      typeof itemPrice !== "number" ||
      typeof currency !== "string"
    )
      return null;
    items.push({ retailerId, quantity, itemPrice, currency });
  }
  const currencies = new Set(items.map((i) => i.currency));
  const [currency] = currencies;
  const amount = Math.round(items.reduce((sum, i) => sum + i.quantity * i.itemPrice, 0) * 1e6) / 1e6;
  const text = typeof order["text"] === "string" && order["text"] ? order["text"] : null;
  return {
    catalogId: order["catalog_id"],
    text,
    items,
    quantity: items.reduce((n, i) => n + i.quantity, 0),
    total: currencies.size === 1 && currency !== undefined ? { amount, currency } : null,
  };
}

/** `9.5`, `EUR` → `€9.50` in the browser's language; an unknown code shows as `9.50 XYZ`. */
export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(locale(), { style: "currency", currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

export function orderLine(order: Order): string {
  const units = `${order.quantity} ${order.quantity === 1 ? "item" : "items"}`;
  return order.total ? `Order: ${units}, ${formatMoney(order.total.amount, order.total.currency)}` : `Order: ${units}`;
}
