import { t, locale } from "./i18n";
import { api } from "./api";
import { CONSENT_LABELS, type MarketingConsent } from "./contacts-api";

// Segments: saved filters over the workspace's contacts, counted live, usable as a campaign's audience.

export type AttributeOp = "eq" | "ne" | "gt" | "gte" | "lt" | "lte" | "exists" | "missing";

export interface AttributeCondition {
  name: string;
  op: AttributeOp;
  value?: string | number | boolean;
}

/** The filter language the contact list and segments share: every condition given must hold. */
export interface SegmentFilter {
  q?: string;
  /** Carries every one of these tags. */
  tags?: string[];
  /** Carries at least one of these. */
  anyTags?: string[];
  /** Carries none of these. */
  notTags?: string[];
  consent?: MarketingConsent;
  lastSeenAfter?: string;
  lastSeenBefore?: string;
  neverSeen?: boolean;
  hasPhone?: boolean;
  attributes?: AttributeCondition[];
}

export interface Segment {
  id: string;
  name: string;
  filter: SegmentFilter;
  /** Contacts matching the filter now. */
  count: number;
}

export const segmentsApi = {
  list: (): Promise<Segment[]> => api("GET", "/v1/segments").then((page) => page.data),
  get: (id: string): Promise<Segment> => api("GET", "/v1/segments/{id}", { params: { id } }),
  create: (segment: { name: string; filter: SegmentFilter }): Promise<Segment> =>
    api("POST", "/v1/segments", { body: segment }),
  update: (id: string, segment: { name?: string; filter?: SegmentFilter }): Promise<Segment> =>
    api("PATCH", "/v1/segments/{id}", { params: { id }, body: segment }),
  remove: (id: string) => api("DELETE", "/v1/segments/{id}", { params: { id } }),
};

export const OP_LABELS: Record<AttributeOp, string> = {
  eq: "is",
  ne: "is not",
  gt: "is more than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  exists: "is set",
  missing: "is not set",
};

const day = (iso: string) => new Date(iso).toLocaleDateString(locale(), { dateStyle: "medium" });

/** `{tags: ["vip"], consent: "opted_in"}` → "tagged vip · opted in". */
export function describeFilter(filter: SegmentFilter): string {
  const parts: string[] = [];
  if (filter.q) parts.push(`matching “${filter.q}”`);
  if (filter.tags?.length) parts.push(`tagged ${filter.tags.join(" and ")}`);
  if (filter.anyTags?.length) parts.push(`tagged ${filter.anyTags.join(" or ")}`);
  if (filter.notTags?.length) parts.push(`not tagged ${filter.notTags.join(" or ")}`);
  if (filter.consent) parts.push(t(CONSENT_LABELS[filter.consent]).toLowerCase());
  if (filter.lastSeenAfter) parts.push(`wrote since ${day(filter.lastSeenAfter)}`);
  if (filter.lastSeenBefore) parts.push(`last wrote before ${day(filter.lastSeenBefore)}`);
  if (filter.neverSeen === true) parts.push("never wrote");
  if (filter.neverSeen === false) parts.push("wrote at least once");
  if (filter.hasPhone !== undefined) parts.push(filter.hasPhone ? "with a phone" : "without a phone");
  for (const a of filter.attributes ?? [])
    parts.push(`${a.name} ${OP_LABELS[a.op]}${a.value === undefined ? "" : ` ${String(a.value)}`}`);
  return parts.length ? parts.join(" · ") : "every contact";
}
