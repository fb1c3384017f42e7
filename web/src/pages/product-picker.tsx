import { useEffect, useState, type FormEvent } from "react";
import { messageOf } from "../api";
import { catalogApi, type Product } from "../catalog-api";
import type { ProductMessage } from "../inbox-api";
import { ProductImage, ProductPrice } from "./product-table";
import { humanize } from "./status-badge";
import { t } from "../i18n";
import { Alert } from "./alert";

// Meta's limits on a multi-product message (meta-cloud-api.md; OpenAPI SectionObject): 30 products.
const MAX_PRODUCTS = 30;
const UNAVAILABLE = new Set(["out of stock", "discontinued"]);

interface Props {
  send: (message: ProductMessage) => Promise<void>;
  onCancel: () => void;
}

/**
 * Products for a reply: one chosen sends a product message, several a multi-product message (one
 * section, Meta's header required), or the whole catalog as a catalog message. Only products
 * already synced to Meta and available can be chosen, since Meta can show nothing else.
 */
export function ProductPicker({ send, onCancel }: Props) {
  const [catalogId, setCatalogId] = useState<string | null>();
  const [products, setProducts] = useState<Product[]>();
  const [query, setQuery] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [header, setHeader] = useState(() => t("inbox.products.pickedForYou"));
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    Promise.all([catalogApi.get(), catalogApi.products({ syncStatus: "synced", q: query || undefined, limit: 100 })])
      .then(([catalog, page]) => {
        if (!current) return;
        setCatalogId(catalog.catalogId);
        setProducts(page.data);
      })
      .catch((caught: unknown) => current && setError(messageOf(caught)));
    return () => {
      current = false;
    };
  }, [query]);

  const toggle = (retailerId: string) =>
    setChosen((list) =>
      list.includes(retailerId) ? list.filter((id) => id !== retailerId) : [...list, retailerId].slice(0, MAX_PRODUCTS),
    );

  async function run(message: ProductMessage) {
    setBusy(true);
    setError(undefined);
    try {
      await send(message);
      setChosen([]);
      setBody("");
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!catalogId || chosen.length === 0) return;
    const text = body.trim();
    if (chosen.length === 1)
      return run({
        type: "product",
        ...(text ? { body: { text } } : {}),
        action: { catalog_id: catalogId, product_retailer_id: chosen[0]! },
      });
    return run({
      type: "product_list",
      header: { type: "text", text: header.trim() },
      body: { text: text || t("inbox.products.haveALook") },
      action: {
        catalog_id: catalogId,
        sections: [{ product_items: chosen.map((id) => ({ product_retailer_id: id })) }],
      },
    });
  }

  const sendCatalog = () =>
    run({
      type: "catalog_message",
      body: { text: body.trim() || t("inbox.products.browse") },
      action: {
        name: "catalog_message",
        ...(chosen[0] ? { parameters: { thumbnail_product_retailer_id: chosen[0] } } : {}),
      },
    });

  return (
    <form className="product-picker" onSubmit={submit} aria-label={t("inbox.reply.sendProducts")}>
      <Alert message={error} />
      {catalogId === null ? (
        <p className="muted">{t("inbox.products.noCatalog")}</p>
      ) : (
        <>
          <label className="visually-hidden" htmlFor="picker-q">
            {t("inbox.products.search")}
          </label>
          <input
            id="picker-q"
            type="search"
            placeholder={t("inbox.products.searchPlaceholder")}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          {products === undefined ? (
            !error && <p className="muted">{t("inbox.products.loading")}</p>
          ) : products.length === 0 ? (
            <p className="muted">{t("inbox.products.none")}</p>
          ) : (
            <ul aria-label={t("inbox.products.products")}>
              {products.map((p) => {
                const unavailable = UNAVAILABLE.has(p.availability);
                return (
                  <li key={p.retailerId}>
                    <label>
                      <input
                        type="checkbox"
                        checked={chosen.includes(p.retailerId)}
                        disabled={unavailable || (!chosen.includes(p.retailerId) && chosen.length >= MAX_PRODUCTS)}
                        onChange={() => toggle(p.retailerId)}
                      />
                      <ProductImage product={p} size={36} />
                      <span>
                        {p.title} · <ProductPrice product={p} />
                        {unavailable && <span className="muted"> · {humanize(p.availability)}</span>}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          )}
          {chosen.length > 1 && (
            <label className="field">
              <span>{t("inbox.products.heading")}</span>
              <input value={header} maxLength={60} required onChange={(event) => setHeader(event.target.value)} />
            </label>
          )}
          <label className="field">
            <span>{t("inbox.products.message")}</span>
            <input value={body} maxLength={1024} onChange={(event) => setBody(event.target.value)} />
          </label>
          <div className="picker-actions">
            <button className="button primary" type="submit" disabled={busy || chosen.length === 0 || !catalogId}>
              {chosen.length > 1 ? t("inbox.products.sendN", { count: chosen.length }) : t("inbox.products.sendOne")}
            </button>
            <button className="button" type="button" disabled={busy || !catalogId} onClick={() => void sendCatalog()}>
              {t("inbox.products.sendCatalog")}
            </button>
            <button className="link-button" type="button" onClick={onCancel}>
              {t("common.cancel")}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
