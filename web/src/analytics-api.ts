import { api } from "./api";
import type { ApiResponse } from "./api/generated";

// Outbound outcomes over a date range, grouped by campaign, template or number (GET /v1/analytics).

export type AnalyticsReport = ApiResponse<"/v1/analytics", "get">;
export type GroupBy = AnalyticsReport["groupBy"];
/** `key`: a campaign id, a template name or our number id; null for messages without one (e.g. agent replies). */
export type AnalyticsGroup = AnalyticsReport["data"][number];

export const analyticsApi = {
  get: (from: string, to: string, groupBy: GroupBy) => api("GET", "/v1/analytics", { query: { from, to, groupBy } }),
};

/** What Meta's common failure codes mean for the business, and what to do (Meta's error-code reference). */
export const META_CODE_MEANING: Record<number, string> = {
  130429: "Throughput exceeded: Meta refused sends faster than the number's rate. Wharf retries.",
  131026: "Undeliverable: not on WhatsApp, an old app, or Meta's filters. Do not retry; check the number.",
  131047: "The 24-hour window was closed: send an approved template instead.",
  131048: "Spam rate limit: the number's quality dropped. Pause campaigns and review what you send.",
  131049:
    "Not delivered to keep engagement healthy (Meta's per-customer marketing cap). Retry a day later at the earliest.",
  131050: "The customer stopped marketing messages in WhatsApp.",
  131051: "Message type not supported.",
  131053: "The media could not be used: check its type and size.",
  131056: "Too many messages to the same customer too fast (pair rate). Wharf spaces them.",
  131064: "Messaging limit reached because of template category violations.",
  132000: "The template's parameter count did not match.",
  132001: "The template does not exist in that language or is not approved.",
  132015: "The template is paused for low quality: edit it or wait.",
  132016: "The template is disabled: create a new one.",
  131031: "The account is locked: check the number's health in WhatsApp Manager.",
  368: "Temporarily blocked for a policy violation.",
  190: "The access token lapsed: reconnect WhatsApp in Settings.",
};
