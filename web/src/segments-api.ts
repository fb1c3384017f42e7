import { locale, t, type MessageKey } from "./i18n";
import { api } from "./api";
import type { ApiBody, ApiResponse } from "./api/generated";
import { CONSENT_LABELS } from "./contacts-api";

// Segments: saved filters over the workspace's contacts, counted live, usable as a campaign's audience.

/** A saved filter over the workspace's contacts; `count`: contacts matching it now. */
export type Segment = ApiResponse<"/v1/segments/{id}", "get">;
/** The filter language the contact list and segments share: every condition given must hold. */
export type SegmentFilter = Segment["filter"];
export type AttributeCondition = NonNullable<SegmentFilter["attributes"]>[number];
export type AttributeOp = AttributeCondition["op"];

export const segmentsApi = {
  list: () => api("GET", "/v1/segments").then((page) => page.data),
  get: (id: string) => api("GET", "/v1/segments/{id}", { params: { id } }),
  create: (segment: ApiBody<"/v1/segments", "post">) => api("POST", "/v1/segments", { body: segment }),
  update: (id: string, segment: ApiBody<"/v1/segments/{id}", "patch">) =>
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
