import { useEffect, useState } from "react";
import { messageOf } from "../api";
import { catalogApi, type Product } from "../catalog-api";
import { href } from "../router";
import { formatTime } from "./connection-card";
import { ProductImage, ProductPrice, ProductSync } from "./product-table";
import { humanize } from "./status-badge";

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
        <a href={href("catalog")}>← All products</a>
      </p>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {!product ? (
        !error && <p className="muted">Loading the product…</p>
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
          <h3 className="timeline-title">Sync with Meta</h3>
          <div className="product-sync">
            <ProductSync product={product} />
          </div>
          <dl className="facts">
            <dt>Last synced</dt>
            <dd>{formatTime(product.sync.syncedAt, "not yet")}</dd>
            <dt>Last changed</dt>
            <dd>{formatTime(product.updatedAt, "—")}</dd>
          </dl>
          <p className="muted small">
            Wharf keeps each product's current status, Meta's last error and its last successful sync; earlier syncs are
            not kept.
          </p>
          <h3 className="timeline-title">What Meta gets</h3>
          <dl className="facts">
            <dt>Price</dt>
            <dd>
              <ProductPrice product={product} />
            </dd>
            <dt>Availability</dt>
            <dd>{humanize(product.availability)}</dd>
            <dt>Condition</dt>
            <dd>{humanize(product.condition)}</dd>
            {product.inventory !== null && (
              <>
                <dt>Inventory</dt>
                <dd>{product.inventory}</dd>
              </>
            )}
            <dt>Description</dt>
            <dd>{product.description}</dd>
            <dt>Link</dt>
            <dd>
              <a href={product.link} target="_blank" rel="noreferrer noopener">
                {product.link}
              </a>
            </dd>
            <dt>Image link</dt>
            <dd>{product.imageLink}</dd>
            {product.brand && (
              <>
                <dt>Brand</dt>
                <dd>{product.brand}</dd>
              </>
            )}
            {product.category && (
              <>
                <dt>Category</dt>
                <dd>{product.category}</dd>
              </>
            )}
            {product.itemGroupId && (
              <>
                <dt>Variants group</dt>
                <dd>{product.itemGroupId}</dd>
              </>
            )}
            {product.customLabels.length > 0 && (
              <>
                <dt>Custom labels</dt>
                <dd>{product.customLabels.join(", ")}</dd>
              </>
            )}
          </dl>
        </>
      )}
    </section>
  );
}
