import { locale, t, type MessageKey } from "./i18n";
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

export const OP_LABELS: Record<AttributeOp, MessageKey> = {
  eq: "segments.op.eq",
  ne: "segments.op.ne",
  gt: "segments.op.gt",
  gte: "segments.op.gte",
  lt: "segments.op.lt",
  lte: "segments.op.lte",
  exists: "segments.op.exists",
  missing: "segments.op.missing",
};

const day = (iso: string) => new Date(iso).toLocaleDateString(locale(), { dateStyle: "medium" });

/** `{tags: ["vip"], consent: "opted_in"}` → "tagged vip · opted in". */
export function describeFilter(filter: SegmentFilter): string {
  const parts: string[] = [];
  if (filter.q) parts.push(t("segments.describe.matching", { q: filter.q }));
  if (filter.tags?.length)
    parts.push(t("segments.describe.taggedAll", { tags: filter.tags.join(t("segments.describe.and")) }));
  if (filter.anyTags?.length)
    parts.push(t("segments.describe.taggedAll", { tags: filter.anyTags.join(t("segments.describe.or")) }));
  if (filter.notTags?.length)
    parts.push(t("segments.describe.notTagged", { tags: filter.notTags.join(t("segments.describe.or")) }));
  if (filter.consent) parts.push(t(CONSENT_LABELS[filter.consent]).toLowerCase());
  if (filter.lastSeenAfter) parts.push(t("segments.describe.since", { day: day(filter.lastSeenAfter) }));
  if (filter.lastSeenBefore) parts.push(t("segments.describe.before", { day: day(filter.lastSeenBefore) }));
  if (filter.neverSeen === true) parts.push(t("segments.describe.never"));
  if (filter.neverSeen === false) parts.push(t("segments.describe.once"));
  if (filter.hasPhone !== undefined)
    parts.push(filter.hasPhone ? t("segments.describe.withPhone") : t("segments.describe.withoutPhone"));
  for (const a of filter.attributes ?? [])
    parts.push(`${a.name} ${t(OP_LABELS[a.op])}${a.value === undefined ? "" : ` ${String(a.value)}`}`);
  return parts.length ? parts.join(" · ") : t("segments.describe.every");
}
