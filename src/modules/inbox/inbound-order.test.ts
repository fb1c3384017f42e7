import { describe, expect, it } from "vitest";
import { previewOf } from "./inbound-content.js";
import { formatMoney, orderOf } from "./inbound-order.js";

// Meta's inbound order (OpenAPI `order` message; item_price is a decimal in the catalog's currency).
const order = (items: unknown[], text = "") => ({
  from: "16505551234",
  id: "wamid.order-1",
  timestamp: "1750096325",
  type: "order",
  order: { catalog_id: "194836987003835", text, product_items: items },
});
const item = (id: string, quantity: number, price: number, currency = "USD") => ({
  product_retailer_id: id,
  quantity,
  item_price: price,
  currency,
});

describe("inbound orders", () => {
  it("reads the items, the units and the total of Meta's order message", () => {
    expect(orderOf(order([item("di9ozbzfi4", 2, 30), item("nqryix03ez", 1, 25)], "by Friday"))).toEqual({
      catalogId: "194836987003835",
      text: "by Friday",
      items: [
        { retailerId: "di9ozbzfi4", quantity: 2, itemPrice: 30, currency: "USD" },
        { retailerId: "nqryix03ez", quantity: 1, itemPrice: 25, currency: "USD" },
      ],
      quantity: 3,
      total: { amount: 85, currency: "USD" },
    });
  });

  it("adds decimal prices without binary noise, and has no total across currencies", () => {
    expect(orderOf(order([item("a", 3, 0.1)]))?.total).toEqual({ amount: 0.3, currency: "USD" });
    expect(orderOf(order([item("a", 1, 5, "USD"), item("b", 1, 5, "EUR")]))?.total).toBeNull();
    expect(orderOf(order([item("a", 1, 5)]))?.text).toBeNull();
  });

  it("is null for another type or an order that does not match Meta's schema", () => {
    expect(orderOf({ ...order([]), type: "text", text: { body: "x" } })).toBeNull();
    expect(orderOf(order([{ product_retailer_id: "a", quantity: "two", item_price: 1, currency: "USD" }]))).toBeNull();
    expect(orderOf(null)).toBeNull();
  });

  it("previews an order with its units and total in the inbox line", () => {
    expect(previewOf("order", order([item("a", 2, 9.5, "EUR"), item("b", 1, 9.5, "EUR")]))).toBe(
      "Order: 3 items, €28.50",
    );
    expect(previewOf("order", order([item("a", 1, 5, "USD"), item("b", 1, 5, "EUR")]))).toBe("Order: 2 items");
    expect(formatMoney(12, "XYZ1")).toBe("12.00 XYZ1");
  });
});
