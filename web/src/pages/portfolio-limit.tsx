import type { MessagingLimit } from "../connection-api";

const count = (n: number) => n.toLocaleString("en-US");

/** Meta's tier names as the limit they stand for: TIER_2K → 2,000; TIER_UNLIMITED → Unlimited. */
export function tierLabel(tier: string | null, limit: number | null): string {
  if (limit !== null) return count(limit);
  return tier === null ? "Not reported yet" : "Unlimited";
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
      <h3 id="portfolio-limit-title">Messaging limit of the business portfolio</h3>
      <p className="portfolio-limit-figure">
        <strong>{count(used)}</strong> of <strong>{tierLabel(usage.tier, limit)}</strong> customers reached in the last{" "}
        {usage.windowHours} hours
      </p>
      {limit !== null && (
        <progress className={`portfolio-limit-bar ${state}`} max={limit} value={Math.min(used, limit)}>
          {Math.round(share * 100)}%
        </progress>
      )}
      {state === "full" && (
        <p className="alert" role="status">
          The limit is reached: templates to new customers are skipped until customers leave the 24-hour count.
        </p>
      )}
      <p className="muted small">
        Shared by {usage.phoneNumbers === 1 ? "this portfolio's number" : `all ${usage.phoneNumbers} of its numbers`}
        {usage.businessId ? ` (portfolio ${usage.businessId})` : ""}. Counts unique customers sent a template outside
        their 24-hour window; replies inside it are not limited.
      </p>
    </div>
  );
}
