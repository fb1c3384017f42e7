import { useEffect, useState, type FormEvent } from "react";
import { messageOf } from "../api";
import { catalogApi, SYNC_STATUSES, type Catalog, type Product, type SyncStatus } from "../catalog-api";
import { useConnection } from "../connection-status";
import { textField } from "../form-data";
import { useInterval, useLatest } from "../polling";
import { hrefWith, navigate, useHashParams } from "../router";
import { CatalogImport } from "./catalog-import";
import { CatalogSection } from "./catalog-section";
import { formatTime } from "./connection-card";
import { usePageTitle } from "./feature-page";
import { ProductDetail } from "./product-detail";
import { ProductTable } from "./product-table";
import { statusLabel } from "./status-badge";
import { t } from "../i18n";
import { Alert } from "./alert";

interface Props {
  workspaceName: string;
  /** Owners and admins sync, import and change the catalog token; agents read. */
  canManage: boolean;
}

const isStatus = (value: string | null): value is SyncStatus =>
  value !== null && (SYNC_STATUSES as string[]).includes(value);

/**
 * The products Wharf keeps in the workspace's Meta catalog, each with its sync status, and the
 * catalog token's own status (apart from WhatsApp's). While a sync runs or changes wait for one,
 * the page reads again every 2 seconds.
 */
export function CatalogPage({ workspaceName, canManage }: Props) {
  usePageTitle("Catalog", workspaceName);
  const params = useHashParams();
  const status = params.get("status");
  const filter = isStatus(status) ? status : undefined;
  const q = params.get("q") ?? "";
  const selected = params.get("product");
  const { connection } = useConnection();
  const [catalog, setCatalog] = useState<Catalog>();
  const [products, setProducts] = useState<Product[]>();
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [syncing, setSyncing] = useState(false);
  const [version, setVersion] = useState(0);

  const load = useLatest(
    () => Promise.all([catalogApi.get(), catalogApi.products({ syncStatus: filter, q: q || undefined })]),
    ([c, page]) => {
      setCatalog(c);
      setProducts(page.data);
      setNextCursor(page.nextCursor);
      setError(undefined);
      setVersion((v) => v + 1);
    },
    (caught) => setError(messageOf(caught)),
  );
  useEffect(() => void load(), [load, filter, q]);
  // A sync running, or changes waiting for the next one (it follows every change within seconds).
  const busy =
    catalog !== undefined &&
    (catalog.sync.state === "running" ||
      catalog.products.syncing > 0 ||
      (catalog.status === "connected" && catalog.products.pending > 0));
  useInterval(() => void load(), 2_000, busy || syncing);

  async function more() {
    if (!nextCursor) return;
    try {
      const page = await catalogApi.products({ syncStatus: filter, q: q || undefined, cursor: nextCursor });
      setProducts((list) => [...(list ?? []), ...page.data]);
      setNextCursor(page.nextCursor);
    } catch (caught) {
      setError(messageOf(caught));
    }
  }

  async function syncNow() {
    setSyncing(true);
    setError(undefined);
    setNotice(undefined);
    try {
      setCatalog(await catalogApi.sync());
      setNotice(t("catalog.syncStarted"));
      await load();
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setSyncing(false);
    }
  }

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = textField(new FormData(event.currentTarget), "q").trim();
    navigate(hrefWith("catalog", { status: filter, q: text || undefined }));
  }

  const counts = catalog?.products;
  const total = counts ? SYNC_STATUSES.reduce((n, s) => n + counts[s], 0) : undefined;
  const tab = (value: SyncStatus | undefined, label: string, count: number | undefined) => (
    <li key={label}>
      <a
        href={hrefWith("catalog", { status: value, q: q || undefined })}
        aria-current={filter === value ? "page" : undefined}
      >
        {label}
        {count !== undefined && <span className="tab-count"> {count}</span>}
      </a>
    </li>
  );

  return (
    <section aria-labelledby="page-title">
      <p className="eyebrow">{workspaceName}</p>
      <div className="page-head">
        <h1 id="page-title">{t("page.catalog")}</h1>
        {canManage && (
          <div className="actions">
            <button
              className="button primary"
              type="button"
              onClick={syncNow}
              disabled={syncing || catalog?.status !== "connected"}
              title={catalog?.status === "connected" ? undefined : t("catalog.connectFirst")}
            >
              {syncing ? t("catalog.starting") : t("catalog.syncNow")}
            </button>
          </div>
        )}
      </div>
      <Alert message={error} />
      {notice && (
        <div className="notice success" role="status">
          <p>{notice}</p>
          <button className="link-button" type="button" onClick={() => setNotice(undefined)}>
            {t("catalog.dismiss")}
          </button>
        </div>
      )}
      {catalog && (
        <section className="card panel" aria-label={t("catalog.syncLabel")}>
          <dl className="facts">
            <dt>{t("page.catalog")}</dt>
            <dd>{catalog.catalogId ? <code>{catalog.catalogId}</code> : t("catalog.noCatalog")}</dd>
            <dt>{t("catalog.sync")}</dt>
            <dd>
              {statusLabel(catalog.sync.state)}
              {catalog.sync.state === "paused" && t("catalog.untilReconnected")}
            </dd>
            <dt>{t("catalog.lastSync")}</dt>
            <dd>
              {catalog.lastSync
                ? t("catalog.lastSyncCounts", { time: formatTime(catalog.lastSync.at, ""), ...catalog.lastSync.counts })
                : t("common.never")}
            </dd>
          </dl>
          {catalog.sync.lastError && (
            <p className="row-error">{t("catalog.lastSyncFailed", { error: catalog.sync.lastError })}</p>
          )}
          {canManage && <CatalogImport onImported={() => void load()} />}
        </section>
      )}
      {connection && (
        <div id="catalog-token">
          <CatalogSection catalog={connection.catalog} canManage={canManage} />
        </div>
      )}
      {selected ? (
        <ProductDetail retailerId={selected} version={version} />
      ) : (
        <section className="card panel" aria-label={t("catalog.yourProducts")}>
          <nav aria-label={t("catalog.filterBy")}>
            <ul className="status-tabs">
              {tab(undefined, t("catalog.all"), total)}
              {SYNC_STATUSES.map((s) => tab(s, statusLabel(s), counts?.[s]))}
            </ul>
          </nav>
          <form className="inline-form product-search" role="search" onSubmit={search}>
            <label className="visually-hidden" htmlFor="product-q">
              {t("catalog.searchProducts")}
            </label>
            <input
              id="product-q"
              name="q"
              type="search"
              defaultValue={q}
              placeholder={t("catalog.searchPlaceholder")}
            />
            <button className="button" type="submit">
              {t("catalog.search")}
            </button>
          </form>
          {products === undefined ? (
            !error && <p className="muted">{t("catalog.loading")}</p>
          ) : products.length === 0 ? (
            <p className="muted">{filter || q ? t("catalog.noMatch") : t("catalog.empty")}</p>
          ) : (
            <>
              <ProductTable products={products} />
              {nextCursor && (
                <button className="button" type="button" onClick={() => void more()}>
                  {t("catalog.showMore")}
                </button>
              )}
            </>
          )}
        </section>
      )}
    </section>
  );
}
