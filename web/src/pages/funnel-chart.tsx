import type { Campaign } from "../campaigns-api";
import { humanize, statusLabel } from "./status-badge";
import { t } from "../i18n";

// The delivery funnel: of the recipients, how many Meta accepted (sent), delivered and the
// customer read, each cumulative; then the failed and the skipped, with why they were skipped.

function Row({ label, value, total, tone }: { label: string; value: number; total: number; tone: string }) {
  const percent = total ? Math.round((value / total) * 100) : 0;
  return (
    <li className="funnel-row">
      <span className="funnel-label">{label}</span>
      <span className="funnel-track" aria-hidden="true">
        <span className={`funnel-bar ${tone}`} style={{ width: `${percent}%` }} />
      </span>
      <span className="funnel-value">
        {value} ({percent}%)
      </span>
    </li>
  );
}

export function FunnelChart({ campaign }: { campaign: Campaign }) {
  const { counts, funnel, skippedReasons } = campaign;
  const total = counts.total;
  const reasons = Object.entries(skippedReasons);
  return (
    <figure className="funnel" aria-labelledby="funnel-title">
      <figcaption id="funnel-title">{t("funnel.title")}</figcaption>
      <ol aria-label={t("funnel.title")}>
        <Row label={t("funnel.recipients")} value={total} total={total} tone="total" />
        <Row label={statusLabel("sent")} value={funnel.sent} total={total} tone="sent" />
        <Row label={statusLabel("delivered")} value={funnel.delivered} total={total} tone="delivered" />
        <Row label={statusLabel("read")} value={funnel.read} total={total} tone="read" />
      </ol>
      <ol aria-label={t("funnel.notDelivered")} className="funnel-losses">
        <Row label={statusLabel("failed")} value={counts.failed} total={total} tone="failed" />
        <Row label={t("funnel.skipped")} value={counts.skipped} total={total} tone="skipped" />
      </ol>
      {reasons.length > 0 && (
        <p className="muted small">
          {t("funnel.skippedReasons", {
            reasons: reasons.map(([reason, n]) => `${humanize(reason)} (${n})`).join(", "),
          })}
        </p>
      )}
    </figure>
  );
}
