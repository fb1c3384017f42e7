import { z } from "zod";
import type { AnyDb, DialectName } from "../../platform/db/index.js";
import type { Clock } from "../../platform/clock.js";
import type { EventBus } from "../../platform/events.js";
import { DeferJob, defineJob, type JobQueue } from "../../platform/jobs/index.js";
import { asWorkspaceId } from "../../platform/workspace-id.js";
import { findConnection, getActivePhoneNumber } from "../connection/index.js";
import { connectionRefusal, queueTemplateBatch, type BatchRecipient } from "../messages/index.js";
import { getTemplateForSend } from "../templates/index.js";
import { completeCampaignIfSettled } from "./complete-campaign.js";
import {
  findCampaign,
  markRecipients,
  pendingRecipients,
  setCampaignStatus,
  skipAllPending,
} from "./campaigns.repo.js";

export const CHUNK = 500;

export interface ExpandDeps {
  db: AnyDb;
  dialect: DialectName;
  clock: Clock;
  events: EventBus;
  jobs: JobQueue;
  templates: Parameters<typeof getTemplateForSend>[0];
}

/**
 * Turns a running campaign's pending recipients into queued messages, a chunk per transaction:
 * each chunk's messages, dispatch rows and recipient states commit together, so a worker killed
 * mid-campaign resumes at the first pending recipient with nothing lost and nothing queued twice.
 * Pause and cancel are seen between chunks; a token lapse defers the job without failing anything.
 */
export function expandCampaignJob(deps: ExpandDeps) {
  return defineJob({
    name: "campaigns.expand",
    payload: z.object({ workspaceId: z.string(), campaignId: z.string() }),
    maxAttempts: 20,
    async handler({ workspaceId: ws, campaignId }) {
      const workspaceId = asWorkspaceId(ws);
      for (;;) {
        const campaign = await findCampaign(deps.db, workspaceId, campaignId);
        if (campaign?.status === "scheduled") {
          // The job was scheduled for the campaign's start time: now it runs.
          await deps.events.transaction(deps.db, async (trx) => {
            if (await setCampaignStatus(trx, workspaceId, campaignId, "running", ["scheduled"], deps.clock.now())) {
              await deps.events.recordEvent(trx, workspaceId, {
                type: "campaign.status",
                at: deps.clock.now(),
                data: { id: campaignId, status: "running", previous: "scheduled" },
              });
            }
          });
          continue;
        }
        if (!campaign || campaign.status !== "running") return;
        if (connectionRefusal(await findConnection(deps.db, workspaceId)))
          throw new DeferJob(5_000, "waiting for the WhatsApp connection");
        const phone = await getActivePhoneNumber(deps, workspaceId, campaign.phone_number_id).catch(() => null);
        if (!phone) throw new DeferJob(30_000, "the campaign's number is not active");
        let template;
        try {
          template = await getTemplateForSend(deps.templates, workspaceId, {
            name: campaign.template_name,
            language: campaign.template_language,
          });
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (code !== "TEMPLATE_NOT_FOUND" && code !== "TEMPLATE_NOT_APPROVED") throw err;
          await deps.db.transaction().execute((trx) => skipAllPending(trx, workspaceId, campaignId, code));
          await completeCampaignIfSettled(deps, workspaceId, campaignId, deps.clock.now());
          return;
        }
        const chunk = await pendingRecipients(deps.db, workspaceId, campaignId, CHUNK);
        if (chunk.length === 0) {
          // All queued or skipped: done, unless messages are still in the outbox (then the
          // dispatch batch that settles the last of them completes it).
          await completeCampaignIfSettled(deps, workspaceId, campaignId, deps.clock.now());
          return;
        }
        const now = deps.clock.now();
        await deps.events.transaction(deps.db, async (trx) => {
          const results = await queueTemplateBatch(trx, { dialect: deps.dialect, now }, workspaceId, {
            phone,
            template,
            campaignId,
            components: campaign.template_components
              ? (JSON.parse(campaign.template_components) as unknown[])
              : undefined,
            recipients: chunk.map((r) => ({
              key: r.seq,
              to: r.to,
              ...(r.parameters ? { parameters: JSON.parse(r.parameters) as BatchRecipient["parameters"] } : {}),
            })),
          });
          await markRecipients(
            trx,
            workspaceId,
            campaignId,
            results.map((r) =>
              "messageId" in r
                ? { seq: r.key, state: "queued", skip_reason: null, message_id: r.messageId }
                : { seq: r.key, state: "skipped", skip_reason: r.skipped, message_id: null },
            ),
          );
          await deps.events.recordEvent(trx, workspaceId, {
            type: "campaign.progress",
            at: now,
            data: { id: campaignId },
          });
        });
        deps.jobs.poke();
      }
    },
  });
}

export async function startCampaign(
  deps: ExpandDeps,
  workspaceId: string,
  campaignId: string,
  runAt?: number,
): Promise<void> {
  await deps.jobs.enqueue(
    deps.db,
    expandCampaignJob(deps),
    { workspaceId, campaignId },
    { dedupeKey: `campaign:${campaignId}`, workspaceId, ...(runAt ? { runAt } : {}) },
  );
}
