import { request } from "./api";

// Campaigns: one approved template sent to a list of recipients, with live counts.

export type CampaignStatus =
  "draft" | "scheduled" | "running" | "paused" | "completed" | "cancelled" | "needs_reconnect";

export interface CampaignCounts {
  total: number;
  queued: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  skipped: number;
}

export interface Campaign {
  id: string;
  name: string;
  status: CampaignStatus;
  /** Our phone-number id (pn_...). */
  from: string;
  template: { name: string; language: string };
  scheduledAt: string | null;
  createdAt: string;
  /** Each message in exactly one bucket (its current status): they add up to the total. */
  counts: CampaignCounts;
  /** Cumulative: delivered includes read, sent includes both. */
  funnel: { sent: number; delivered: number; read: number };
  /** Why recipients were skipped (code → how many). */
  skippedReasons: Record<string, number>;
}

export interface Recipient {
  to: string;
  parameters?: string[] | Record<string, string>;
}

export interface NewCampaign {
  name: string;
  from: string;
  template: { name: string; language: string };
  recipients: Recipient[];
  scheduledAt?: string;
}

const path = (id: string) => `/v1/campaigns/${encodeURIComponent(id)}`;

export const campaignsApi = {
  list: () =>
    request<{ data: Campaign[]; nextCursor: string | null }>("GET", "/v1/campaigns?limit=100").then(
      (page) => page.data,
    ),
  get: (id: string) => request<Campaign>("GET", path(id)),
  create: (campaign: NewCampaign) => request<Campaign>("POST", "/v1/campaigns", campaign),
  act: (id: string, action: "pause" | "resume" | "cancel") => request<Campaign>("POST", `${path(id)}/${action}`),
};

/** Still changing on its own: worth polling. */
export const isActive = (campaign: Campaign) =>
  campaign.status === "running" || campaign.status === "scheduled" || campaign.status === "needs_reconnect";
