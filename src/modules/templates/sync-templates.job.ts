import { z } from "zod";
import type { EventBus } from "../../platform/events.js";
import { defineJob, type JobQueue } from "../../platform/jobs/index.js";
import { asWorkspaceId, type WorkspaceId } from "../../platform/workspace-id.js";
import { findConnection } from "../connection/index.js";
import { syncTemplates, type TemplatesDeps } from "./sync-templates.js";
import { listTemplateAccounts, upsertTemplateAccount } from "./template-sync.repo.js";

/**
 * The safety net under the webhooks: every connected workspace's templates are re-read from Meta
 * on a schedule, so a lost `message_template_status_update` or a template made in WhatsApp
 * Manager shows up within the hour. One workspace failing (e.g. needs a reconnect) does not stop
 * the others; its error is kept and shown in `GET /v1/templates`.
 */
export function syncTemplatesJob(deps: TemplatesDeps, everyMs = 3_600_000) {
  return defineJob({
    name: "templates.sync",
    payload: z.object({}),
    everyMs,
    async handler() {
      for (const { workspaceId, wabaId } of await listTemplateAccounts(deps.db)) {
        const conn = await findConnection(deps.db, workspaceId);
        if (conn?.status !== "connected" || !conn.waba_id) continue;
        if (conn.waba_id !== wabaId) await upsertTemplateAccount(deps.db, workspaceId, conn.waba_id, deps.clock.now());
        await syncTemplates(deps, workspaceId).catch(() => undefined);
      }
    },
  });
}

/** One workspace now: right after it connects a WABA. */
export function syncWorkspaceTemplatesJob(deps: TemplatesDeps) {
  return defineJob({
    name: "templates.sync-workspace",
    payload: z.object({ workspaceId: z.string().min(1) }),
    maxAttempts: 5,
    async handler({ workspaceId }) {
      await syncTemplates(deps, asWorkspaceId(workspaceId));
    },
  });
}

/** Connecting a WABA makes its templates appear without anyone pressing "sync". */
export function syncTemplatesOnConnect(
  deps: TemplatesDeps & { events: EventBus; jobs: JobQueue },
  job: ReturnType<typeof syncWorkspaceTemplatesJob>,
): () => void {
  const onConnected = async (workspaceId: WorkspaceId, wabaId: string) => {
    await upsertTemplateAccount(deps.db, workspaceId, wabaId, deps.clock.now());
    await deps.jobs.enqueue(deps.db, job, { workspaceId }, { dedupeKey: `templates.sync:${workspaceId}`, workspaceId });
  };
  return deps.events.subscribeAll((workspaceId, event) => {
    // The event is in-process and best effort: the account row also appears on first template use.
    if (event.type === "connection.connected") void onConnected(workspaceId, event.data.wabaId).catch(() => undefined);
  });
}
