import { useEffect, useState } from "react";
import { catalogApi } from "../catalog-api";
import { formatMoney, type Order } from "../order";
import { t, tp } from "../i18n";

/** The titles of the order's products the workspace's catalog has (others show their retailer id only). */
function useTitles(retailerIds: string[]): Record<string, string> {
  const [titles, setTitles] = useState<Record<string, string>>({});
  const key = [...new Set(retailerIds)].sort().join("\n");
  useEffect(() => {
    let current = true;
    const ids = key.split("\n").filter(Boolean);
    void Promise.allSettled(ids.map((id) => catalogApi.product(id))).then((results) => {
      const found: Record<string, string> = {};
      for (const r of results) if (r.status === "fulfilled") found[r.value.retailerId] = r.value.title;
      if (current) setTitles(found);
    });
    return () => {
      current = false;
    };
  }, [key]);
  return titles;
}

/** An inbound order in the thread: each item with quantity and price, then the total. */
export function OrderCard({ order }: { order: Order }) {
  const titles = useTitles(order.items.map((i) => i.retailerId));
  return (
    <figure className="order" aria-label={t("inbox.order.label")}>
      <figcaption className="order-title">{tp("inbox.order.title", order.quantity)}</figcaption>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("inbox.order.product")}</th>
            <th scope="col" className="amount">
              {t("inbox.order.qty")}
            </th>
            <th scope="col" className="amount">
              {t("inbox.order.price")}
            </th>
            <th scope="col" className="amount">
              {t("inbox.order.subtotal")}
            </th>
          </tr>
        </thead>
        <tbody>
          {order.items.map((item, i) => (
            <tr key={`${item.retailerId}-${i}`}>
              <td>
                {titles[item.retailerId] && <span className="order-product">{titles[item.retailerId]} </span>}
                <code>{item.retailerId}</code>
              </td>
              <td className="amount">{item.quantity}</td>
              <td className="amount">{formatMoney(item.itemPrice, item.currency)}</td>
              <td className="amount">{formatMoney(item.quantity * item.itemPrice, item.currency)}</td>
            </tr>
          ))}
        </tbody>
        {order.total && (
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                {t("inbox.order.total")}
              </th>
              <td className="amount">{formatMoney(order.total.amount, order.total.currency)}</td>
            </tr>
          </tfoot>
        )}
      </table>
      {order.text && <p className="order-note">“{order.text}”</p>}
    </figure>
  );
}
