import type { MessagingLimit } from "../connection-api";
import { t, formatNumber } from "../i18n";

const count = (n: number) => formatNumber(n);

/** Meta's tier names as the limit they stand for: TIER_2K → 2,000; TIER_UNLIMITED → Unlimited. */
export function tierLabel(tier: string | null, limit: number | null): string {
  if (limit !== null) return count(limit);
  return tier === null ? t("numbers.limit.notReported") : t("numbers.unlimited");
}

/**
 * The business portfolio's messaging limit and its use: Meta sets one limit on the portfolio, shared
 * by all its numbers (since 2025-10-07), counting unique customers reached with business-initiated
 * messages in a moving 24 hours. Replies inside a customer's window do not count.
 */
export function PortfolioLimit({ usage }: { usage: MessagingLimit }) {
  const { limit, used } = usage;
  const share = limit ? Math.min(1, used / limit) : 0;
  const state = limit === null ? "ok" : used >= limit ? "full" : share >= 0.8 ? "warn" : "ok";
  return (
    <div className="portfolio-limit" aria-labelledby="portfolio-limit-title" role="group">
      <h3 id="portfolio-limit-title">{t("numbers.limit.title")}</h3>
      <p className="portfolio-limit-figure">
        {t("numbers.limit.figure", {
          used: count(used),
          limit: tierLabel(usage.tier, limit),
          hours: usage.windowHours,
        })}
      </p>
      {limit !== null && (
        <progress className={`portfolio-limit-bar ${state}`} max={limit} value={Math.min(used, limit)}>
          {Math.round(share * 100)}%
        </progress>
      )}
      {state === "full" && (
        <p className="alert" role="status">
          {t("numbers.limit.full")}
        </p>
      )}
      <p className="muted small">
        {usage.phoneNumbers === 1
          ? t("numbers.limit.sharedOne")
          : t("numbers.limit.sharedAll", { count: usage.phoneNumbers })}
        {usage.businessId ? t("numbers.limit.portfolio", { id: usage.businessId }) : ""}
        {t("numbers.limit.counts")}
      </p>
    </div>
  );
}
