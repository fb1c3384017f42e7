import type { AnyDb, Executor } from "../../../platform/db/index.js";
import type { WorkspaceId } from "../../../platform/workspace-id.js";
import { isPhoneKey } from "./contact-view.js";
import { listContactRows } from "./directory.repo.js";
import { resolveFilter, tagOf, type ContactFilter } from "./filter.js";
import { getSegmentRow, segmentFilter } from "./segments.js";

/** A member of an audience: what a campaign needs to address it. `phone` is null for a contact known only by email or external id. */
export interface AudienceMember {
  contactId: string;
  waId: string;
  phone: string | null;
  name: string | null;
  language: string | null;
}

export type Audience = { segmentId: string } | { tag: string } | { filter: ContactFilter };

async function filterOf(db: AnyDb | Executor, workspaceId: WorkspaceId, audience: Audience): Promise<ContactFilter> {
  if ("segmentId" in audience) return segmentFilter(await getSegmentRow(db, workspaceId, audience.segmentId));
  if ("tag" in audience) return { tags: [tagOf(audience.tag)] };
  return audience.filter;
}

/**
 * One page of an audience's members, in contact-id order (newest first); `nextCursor` is null on
 * the last page. A segment that does not exist (or is another workspace's) throws NOT_FOUND.
 * Consent is not applied here: every send is admitted by messages' admission rule.
 */
export async function segmentMembers(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  audience: Audience,
  page: { cursor?: string | null; limit?: number } = {},
): Promise<{ members: AudienceMember[]; nextCursor: string | null }> {
  const limit = Math.min(page.limit ?? 1000, 5000);
  const filter = await resolveFilter(db, workspaceId, await filterOf(db, workspaceId, audience));
  const rows = await listContactRows(db, workspaceId, filter, { after: page.cursor ?? null, limit: limit + 1 });
  const shown = rows.slice(0, limit);
  return {
    members: shown.map((r) => ({
      contactId: r.id,
      waId: r.wa_id,
      phone: isPhoneKey(r.wa_id) ? `+${r.wa_id}` : null,
      name: r.name ?? r.profile_name,
      language: r.language,
    })),
    nextCursor: rows.length > limit ? shown[shown.length - 1]!.id : null,
  };
}

/** Every member of an audience, a page at a time (constant memory whatever its size). */
export async function* contactPages(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  audience: Audience,
  pageSize = 1000,
): AsyncGenerator<AudienceMember[]> {
  let cursor: string | null = null;
  do {
    const page = await segmentMembers(db, workspaceId, audience, { cursor, limit: pageSize });
    if (page.members.length > 0) yield page.members;
    cursor = page.nextCursor;
  } while (cursor !== null);
}
