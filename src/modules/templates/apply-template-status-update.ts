import { isChannelError, TEMPLATE_STATUSES } from "../../channels/index.js";
import { newId } from "../../platform/crypto/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findConnection, channelForWorkspace, workspacesOfWaba } from "../connection/index.js";
import { metaFailure } from "./meta-failure.js";
import { fromMeta, TEMPLATE_FIELDS, type TemplatesDeps } from "./sync-templates.js";
import { metaReason, upsertTemplatesFromMeta } from "./template-sync.repo.js";
import { deleteTemplateByMetaId, findTemplateByMetaId, setTemplateStatus } from "./templates.repo.js";

/** One `message_template_status_update` from Meta's webhook. */
export interface TemplateStatusUpdate {
  wabaId: string;
  /** A JSON number in Meta's payload: pass it as a string. */
  metaTemplateId: string;
  name: string;
  language: string;
  /** APPROVED, REJECTED, PAUSED, DISABLED, PENDING, FLAGGED, DELETED, ... */
  event: string;
  /**
   * Meta's reason: `reason` (or `rejection_info.reason`) for REJECTED; for PAUSED and DISABLED the
   * most useful text Meta sent (`other_info.description`, `disable_info`). "NONE" counts as none.
   */
  reason?: string | null;
}

/** Events that are a status to store as is; any other (UNARCHIVED, new ones) is re-read from Meta. */
const STORED_AS_IS = new Set<string>(TEMPLATE_STATUSES.filter((s) => s !== "UNARCHIVED" && s !== "DELETED"));

/** A template Wharf has not seen (made in WhatsApp Manager): read it from Meta and keep it. */
async function fetchTemplate(
  deps: TemplatesDeps,
  workspaceId: WorkspaceId,
  input: TemplateStatusUpdate,
  status: string | null,
): Promise<void> {
  const conn = await findConnection(deps.db, workspaceId);
  if (conn?.status !== "connected") return; // the sync after a reconnect will bring it
  const g = await channelForWorkspace(deps, workspaceId);
  let template;
  try {
    template = await g.templates.get(input.metaTemplateId, TEMPLATE_FIELDS);
  } catch (err) {
    if (isChannelError(err, "refused") && err.reason === "invalid_parameter") return; // deleted meanwhile
    throw metaFailure(err, `reading template ${input.metaTemplateId}`);
  }
  const values = fromMeta(input.wabaId, template);
  const now = deps.clock.now();
  const stored = status === null ? values : { ...values, status, reason: metaReason(input.reason) ?? values.reason };
  await deps.db
    .transaction()
    .execute((trx) => upsertTemplatesFromMeta(trx, workspaceId, [stored], now, () => newId("tpl", now)));
}

/**
 * Applies a template status change from Meta's webhook to every workspace connected to that WABA
 * (found through the connection module).
 * REJECTED, PAUSED and DISABLED keep Meta's reason; DELETED removes the template. Throws only
 * what retrying can fix (Meta unreachable while reading a template Wharf had not seen).
 */
export async function applyTemplateStatusUpdate(deps: TemplatesDeps, input: TemplateStatusUpdate): Promise<void> {
  // The webhook names a WABA, not a workspace: every workspace connected to it (normally one).
  for (const workspaceId of await workspacesOfWaba(deps.db, input.wabaId)) {
    const now = deps.clock.now();
    if (input.event === "DELETED") {
      await deps.events.transaction(deps.db, async (trx) => {
        const stored = await findTemplateByMetaId(trx, workspaceId, input.metaTemplateId);
        if (!(await deleteTemplateByMetaId(trx, workspaceId, input.metaTemplateId))) return;
        const data = {
          id: stored?.id ?? null,
          metaTemplateId: input.metaTemplateId,
          name: input.name,
          language: input.language,
        };
        await deps.events.recordEvent(trx, workspaceId, { type: "template.deleted", at: now, data });
      });
      continue;
    }
    const status = STORED_AS_IS.has(input.event) ? input.event : null;
    const reason = metaReason(input.reason);
    const changed =
      status === null
        ? 0
        : await setTemplateStatus(deps.db, workspaceId, input.metaTemplateId, { status, reason, updated_at: now });
    if (changed === 0) await fetchTemplate(deps, workspaceId, input, status);
    // Recorded once Wharf has applied it, so the event carries Wharf's template id and stored status.
    const stored = await findTemplateByMetaId(deps.db, workspaceId, input.metaTemplateId);
    await deps.events.recordEvent(deps.db, workspaceId, {
      type: "template.status",
      at: now,
      data: {
        id: stored?.id ?? null,
        wabaId: input.wabaId,
        metaTemplateId: input.metaTemplateId,
        name: input.name,
        language: input.language,
        status: stored?.status ?? status ?? input.event,
        event: input.event,
        reason,
      },
    });
  }
}
