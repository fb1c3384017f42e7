import type { Campaign } from "../campaigns-api";
import { humanize } from "./status-badge";

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
      <figcaption id="funnel-title">Delivery funnel</figcaption>
      <ol aria-label="Delivery funnel">
        <Row label="Recipients" value={total} total={total} tone="total" />
        <Row label="Sent" value={funnel.sent} total={total} tone="sent" />
        <Row label="Delivered" value={funnel.delivered} total={total} tone="delivered" />
        <Row label="Read" value={funnel.read} total={total} tone="read" />
      </ol>
      <ol aria-label="Not delivered" className="funnel-losses">
        <Row label="Failed" value={counts.failed} total={total} tone="failed" />
        <Row label="Skipped" value={counts.skipped} total={total} tone="skipped" />
      </ol>
      {reasons.length > 0 && (
        <p className="muted small">Skipped: {reasons.map(([reason, n]) => `${humanize(reason)} (${n})`).join(", ")}</p>
      )}
    </figure>
  );
}
