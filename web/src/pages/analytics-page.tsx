import { formatNumber, t, locale } from "../i18n";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { messageOf } from "../api";
import { analyticsApi, META_CODE_MEANING, type AnalyticsGroup, type GroupBy } from "../analytics-api";
import { campaignsApi } from "../campaigns-api";
import { phoneNumbersApi } from "../connection-api";
import { usePageTitle } from "./feature-page";
import { statusLabel } from "./status-badge";
import { Alert } from "./alert";

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Campaign names and number displays, so the table says what each row is, not its id. */
function useNames(groupBy: GroupBy): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    if (groupBy === "campaign")
      campaignsApi.list().then(
        (list) => setNames(Object.fromEntries(list.map((c) => [c.id, c.name]))),
        () => undefined,
      );
    else if (groupBy === "phoneNumber")
      phoneNumbersApi.list().then(
        (list) => setNames(Object.fromEntries(list.map((n) => [n.id, n.displayPhoneNumber]))),
        () => undefined,
      );
    else setNames({});
  }, [groupBy]);
  return names;
}

const pct = (n: number, of: number) => (of ? `${Math.round((n / of) * 100)}%` : "–");

/** Rows as CSV: what a spreadsheet opens. Quotes double inside quoted fields. */
function toCsv(rows: string[][]): string {
  return rows.map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(",")).join("\n");
}

/** Sent, delivered, read and failed over dates, by campaign, template or number, with why sends failed. */
export function AnalyticsPage({ workspaceName }: { workspaceName: string }) {
  usePageTitle("Analytics", workspaceName);
  const today = new Date();
  const [from, setFrom] = useState(day(new Date(today.getTime() - 6 * 24 * 3600_000)));
  const [to, setTo] = useState(day(today));
  const [groupBy, setGroupBy] = useState<GroupBy>("campaign");
  const [data, setData] = useState<AnalyticsGroup[]>();
  const [error, setError] = useState<string>();
  const names = useNames(groupBy);

  const load = (event?: FormEvent) => {
    event?.preventDefault();
    setError(undefined);
    analyticsApi.get(from, to, groupBy).then(
      (r) => setData(r.data),
      (caught: unknown) => setError(messageOf(caught)),
    );
  };
  // Dates apply on "Show"; a new grouping reads at once.
  useEffect(load, [groupBy]);

  const label = (key: string | null) =>
    key === null ? (groupBy === "campaign" ? t("analytics.notInCampaign") : t("analytics.none")) : (names[key] ?? key);
  const totals = useMemo(
    () =>
      (data ?? []).reduce(
        (t, g) => ({
          total: t.total + g.total,
          sent: t.sent + g.sent,
          delivered: t.delivered + g.delivered,
          read: t.read + g.read,
          failed: t.failed + g.failed,
        }),
        { total: 0, sent: 0, delivered: 0, read: 0, failed: 0 },
      ),
    [data],
  );
  const failures = useMemo(() => {
    const byCode = new Map<string, { metaCode: number | null; code: string | null; count: number }>();
    for (const g of data ?? [])
      for (const f of g.failuresByCode) {
        const k = `${f.metaCode} ${f.code}`;
        const prev = byCode.get(k);
        byCode.set(k, { ...f, count: (prev?.count ?? 0) + f.count });
      }
    return [...byCode.values()].sort((a, b) => b.count - a.count);
  }, [data]);

  const download = () => {
    const rows = [
      ["group", "total", "sent", "delivered", "read", "failed"],
      ...(data ?? []).map((g) => [label(g.key), g.total, g.sent, g.delivered, g.read, g.failed].map(String)),
    ];
    const url = URL.createObjectURL(new Blob([toCsv(rows)], { type: "text/csv" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `wharf-analytics-${from}-${to}-${groupBy}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <section aria-labelledby="page-title">
      <p className="eyebrow">{workspaceName}</p>
      <h1 id="page-title">{t("page.analytics")}</h1>
      <form className="card analytics-form" onSubmit={load}>
        <label>
          {t("analytics.from")}
          <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} required />
        </label>
        <label>
          {t("analytics.to")}
          <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} required />
        </label>
        <label>
          {t("analytics.by")}
          <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as GroupBy)}>
            <option value="campaign">{t("analytics.campaign")}</option>
            <option value="template">{t("common.template")}</option>
            <option value="phoneNumber">{t("analytics.number")}</option>
          </select>
        </label>
        <button className="button primary" type="submit">
          {t("analytics.show")}
        </button>
        <button className="button" type="button" onClick={download} disabled={!data?.length}>
          {t("analytics.download")}
        </button>
      </form>
      <Alert message={error} />
      {data && data.length === 0 && <p className="muted">{t("analytics.nothing")}</p>}
      {data && data.length > 0 && (
        <>
          <div className="card">
            <h2>{t("analytics.funnel")}</h2>
            <ol className="funnel-bars" aria-label={t("analytics.funnel")}>
              {(["sent", "delivered", "read", "failed"] as const).map((k) => (
                <li key={k} className="funnel-row">
                  <span className="funnel-label">{statusLabel(k)}</span>
                  <span className="funnel-track" aria-hidden="true">
                    <span
                      className={`funnel-bar ${k}`}
                      style={{ width: totals.total ? `${(totals[k] / totals.total) * 100}%` : "0" }}
                    />
                  </span>
                  <span className="funnel-value">
                    {formatNumber(totals[k])} ({pct(totals[k], totals.total)})
                  </span>
                </li>
              ))}
            </ol>
          </div>
          <div className="card table-wrap">
            <table>
              <caption className="visually-hidden">
                {t("analytics.outcomesBy", {
                  group:
                    groupBy === "phoneNumber"
                      ? t("analytics.number")
                      : groupBy === "template"
                        ? t("common.template")
                        : t("analytics.campaign"),
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    {groupBy === "phoneNumber"
                      ? t("analytics.number")
                      : groupBy === "template"
                        ? t("common.template")
                        : t("analytics.campaign")}
                  </th>
                  <th scope="col">{t("analytics.messages")}</th>
                  <th scope="col">{statusLabel("sent")}</th>
                  <th scope="col">{statusLabel("delivered")}</th>
                  <th scope="col">{statusLabel("read")}</th>
                  <th scope="col">{statusLabel("failed")}</th>
                </tr>
              </thead>
              <tbody>
                {data.map((g) => (
                  <tr key={g.key ?? "none"}>
                    <th scope="row">{label(g.key)}</th>
                    <td>{g.total.toLocaleString(locale())}</td>
                    <td>{g.sent.toLocaleString(locale())}</td>
                    <td>
                      {g.delivered.toLocaleString(locale())} ({pct(g.delivered, g.sent)})
                    </td>
                    <td>
                      {g.read.toLocaleString(locale())} ({pct(g.read, g.delivered)})
                    </td>
                    <td>{g.failed.toLocaleString(locale())}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {failures.length > 0 && (
            <div className="card">
              <h2>{t("analytics.whyFailed")}</h2>
              <ul className="failure-reasons">
                {failures.map((f) => (
                  <li key={`${f.metaCode} ${f.code}`}>
                    <strong>{f.metaCode ?? f.code}</strong> × {formatNumber(f.count)}:{" "}
                    {(f.metaCode !== null && META_CODE_MEANING[f.metaCode]) || (f.code ?? t("analytics.refused"))}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
