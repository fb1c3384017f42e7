import { api } from "./api";
import type { ApiResponse } from "./api/generated";

// Campaigns: one approved template sent to a list of recipients, with live counts.

/**
 * A campaign: `from` is our phone-number id (pn_...); `counts` puts each message in exactly one
 * bucket (they add up to the total); `funnel` is cumulative; `skippedReasons` maps a code to how
 * many; `failureReason` says why a `failed` campaign never started; `warnings` only on the answer that created it (e.g. a start time already past).
 */
export type Campaign = ApiResponse<"/v1/campaigns/{id}", "get">;
export type CampaignStatus = Campaign["status"];
export type CampaignCounts = Campaign["counts"];

export interface Recipient {
  to: string;
  parameters?: string[] | Record<string, string>;
}

/** Who a campaign goes to instead of pasted recipients: a segment's or a tag's contacts when it starts. */
export type Audience = { segmentId: string } | { tag: string };

export interface NewCampaign {
  name: string;
  from: string;
  template: { name: string; language: string };
  recipients?: Recipient[];
  audience?: Audience;
  scheduledAt?: string;
}

export const campaignsApi = {
  list: () => api("GET", "/v1/campaigns", { query: { limit: 100 } }).then((page) => page.data),
  get: (id: string) => api("GET", "/v1/campaigns/{id}", { params: { id } }),
  create: (campaign: NewCampaign) => api("POST", "/v1/campaigns", { body: campaign }),
  act: (id: string, action: "pause" | "resume" | "cancel") =>
    api("POST", `/v1/campaigns/{id}/${action}`, { params: { id } }),
};

/** Still changing on its own: worth polling. */
export const isActive = (campaign: Campaign) =>
  campaign.status === "running" || campaign.status === "scheduled" || campaign.status === "needs_reconnect";
