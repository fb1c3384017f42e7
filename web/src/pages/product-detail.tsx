import { useEffect, useState } from "react";
import { messageOf } from "../api";
import { catalogApi, type Product } from "../catalog-api";
import { href } from "../router";
import { formatTime } from "./connection-card";
import { ProductImage, ProductPrice, ProductSync } from "./product-table";
import { humanize } from "./status-badge";
import { t } from "../i18n";
import { Alert } from "./alert";

/**
 * Catalog → one product: what Wharf sends to Meta and where its sync stands. The server keeps a
 * product's current sync status, Meta's last error and its last successful sync (no history of
 * earlier runs), so that is what is shown.
 */
export function ProductDetail({ retailerId, version }: { retailerId: string; version: number }) {
  const [product, setProduct] = useState<Product>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    catalogApi.product(retailerId).then(
      (p) => current && (setProduct(p), setError(undefined)),
      (caught: unknown) => current && setError(messageOf(caught)),
    );
    return () => {
      current = false;
    };
  }, [retailerId, version]);

  return (
    <section className="card panel product-detail" aria-labelledby="product-title">
      <p>
        <a href={href("catalog")}>{t("catalog.product.all")}</a>
      </p>
      <Alert message={error} />
      {!product ? (
        !error && <p className="muted">{t("catalog.product.loading")}</p>
      ) : (
        <>
          <div className="product-head">
            <ProductImage product={product} size={96} />
            <div>
              <h2 id="product-title">{product.title}</h2>
              <p className="muted">
                <code>{product.retailerId}</code>
              </p>
            </div>
          </div>
          <h3 className="timeline-title">{t("catalog.product.syncWithMeta")}</h3>
          <div className="product-sync">
            <ProductSync product={product} />
          </div>
          <dl className="facts">
            <dt>{t("catalog.product.lastSynced")}</dt>
            <dd>{formatTime(product.sync.syncedAt, "not yet")}</dd>
            <dt>{t("catalog.product.lastChanged")}</dt>
            <dd>{formatTime(product.updatedAt, "—")}</dd>
          </dl>
          <p className="muted small">{t("catalog.product.keeps")}</p>
          <h3 className="timeline-title">{t("catalog.product.whatMetaGets")}</h3>
          <dl className="facts">
            <dt>{t("catalog.product.price")}</dt>
            <dd>
              <ProductPrice product={product} />
            </dd>
            <dt>{t("catalog.product.availability")}</dt>
            <dd>{humanize(product.availability)}</dd>
            <dt>{t("catalog.product.condition")}</dt>
            <dd>{humanize(product.condition)}</dd>
            {product.inventory !== null && (
              <>
                <dt>{t("catalog.product.inventory")}</dt>
                <dd>{product.inventory}</dd>
              </>
            )}
            <dt>{t("catalog.product.description")}</dt>
            <dd>{product.description}</dd>
            <dt>{t("catalog.product.link")}</dt>
            <dd>
              <a href={product.link} target="_blank" rel="noreferrer noopener">
                {product.link}
              </a>
            </dd>
            <dt>{t("catalog.product.imageLink")}</dt>
            <dd>{product.imageLink}</dd>
            {product.brand && (
              <>
                <dt>{t("catalog.product.brand")}</dt>
                <dd>{product.brand}</dd>
              </>
            )}
            {product.category && (
              <>
                <dt>{t("catalog.product.category")}</dt>
                <dd>{product.category}</dd>
              </>
            )}
            {product.itemGroupId && (
              <>
                <dt>{t("catalog.product.variants")}</dt>
                <dd>{product.itemGroupId}</dd>
              </>
            )}
            {product.customLabels.length > 0 && (
              <>
                <dt>{t("catalog.product.customLabels")}</dt>
                <dd>{product.customLabels.join(", ")}</dd>
              </>
            )}
          </dl>
        </>
      )}
    </section>
  );
}
