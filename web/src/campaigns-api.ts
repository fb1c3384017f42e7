import { api, type OneOf } from "./api";
import type { ApiBody, ApiResponse } from "./api/generated";

// Campaigns: one approved template sent to a list of recipients, with live counts.

/**
 * A campaign: `from` is our phone-number id (pn_...); `counts` puts each message in exactly one
 * bucket (they add up to the total); `funnel` is cumulative; `skippedReasons` maps a code to how
 * many; `failureReason` says why a `failed` campaign never started; `warnings` only on the answer that created it (e.g. a start time already past).
 */
export type Campaign = ApiResponse<"/v1/campaigns/{id}", "get">;
export type CampaignStatus = Campaign["status"];
export type CampaignCounts = Campaign["counts"];

/** What POST /v1/campaigns takes: pasted `recipients`, an `audience`, or both. */
export type NewCampaign = ApiBody<"/v1/campaigns", "post">;
type ApiRecipient = NonNullable<NewCampaign["recipients"]>[number];
/** A pasted recipient: its parameters are the text the dashboard read (the API also takes numbers). */
export type Recipient = OneOf<ApiRecipient, { to: string; parameters?: string[] | Record<string, string> }>;
/** Who a campaign goes to instead of pasted recipients: a segment's or a tag's contacts when it starts. */
export type Audience = NonNullable<NewCampaign["audience"]>;

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
