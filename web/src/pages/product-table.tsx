import { useState } from "react";
import { fixFor, type Product } from "../catalog-api";
import { hrefWith } from "../router";
import { humanize, StatusBadge } from "./status-badge";
import { t } from "../i18n";

/** A product's picture from its store; a blank square when it has none or it does not load. */
export function ProductImage({ product, size = 48 }: { product: Product; size?: 36 | 48 | 96 }) {
  const [failed, setFailed] = useState<string>();
  if (failed === product.imageLink)
    return <span className={`product-image missing size-${size}`} title={t("catalog.table.imageMissing")} />;
  return (
    <img
      onError={() => setFailed(product.imageLink)}
      className="product-image"
      src={product.imageLink}
      alt=""
      width={size}
      height={size}
      loading="lazy"
      referrerPolicy="no-referrer"
    />
  );
}

export function ProductPrice({ product }: { product: Product }) {
  return product.salePriceFormatted ? (
    <>
      <s className="muted">{product.priceFormatted}</s> {product.salePriceFormatted}
    </>
  ) : (
    <>{product.priceFormatted}</>
  );
}

/** The sync status, and for a product Meta refused, its message and what to fix. */
export function ProductSync({ product }: { product: Product }) {
  const error = product.sync.error;
  return (
    <>
      <StatusBadge status={product.sync.status} />
      {error && (
        <div className="product-error">
          <p className="row-error">
            {t("catalog.table.meta", { message: error.message })}
            {error.code !== null && <span className="error-code">{t("catalog.table.code", { code: error.code })}</span>}
          </p>
          <p className="small">{t("catalog.table.toFix", { fix: fixFor(error) })}</p>
        </div>
      )}
    </>
  );
}

/** The products with picture, price, availability and sync status; each opens its detail. */
export function ProductTable({ products }: { products: Product[] }) {
  return (
    <div className="table-scroll">
      <table className="numbers products" aria-label={t("catalog.table.products")}>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">{t("catalog.table.image")}</span>
            </th>
            <th scope="col">{t("catalog.table.product")}</th>
            <th scope="col">{t("catalog.product.price")}</th>
            <th scope="col">{t("catalog.product.availability")}</th>
            <th scope="col">{t("catalog.table.syncStatus")}</th>
          </tr>
        </thead>
        <tbody>
          {products.map((p) => (
            <tr key={p.retailerId} data-retailer-id={p.retailerId}>
              <td>
                <ProductImage product={p} />
              </td>
              <th scope="row">
                <a href={hrefWith("catalog", { product: p.retailerId })}>{p.title}</a>
                <p className="muted small">
                  <code>{p.retailerId}</code>
                </p>
              </th>
              <td>
                <ProductPrice product={p} />
              </td>
              <td>{humanize(p.availability)}</td>
              <td className="product-sync">
                <ProductSync product={p} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
