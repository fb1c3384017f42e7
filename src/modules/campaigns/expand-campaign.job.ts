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
import { recipientKey } from "./recipient-key.js";
import { takeAudience } from "./take-audience.js";
import {
  duplicateRecipients,
  failRunningCampaign,
  findCampaign,
  lockCampaign,
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
        const now = deps.clock.now();
        const queued = await deps.events.transaction(deps.db, async (trx) => {
          // Two runs of this job can overlap (a shutdown hands a job back after its grace while it
          // still runs; a lease lapses on a starved machine): they take turns on the campaign's
          // lock, and the second reads what the first left pending instead of queueing it again.
          await lockCampaign(trx, workspaceId, campaignId);
          // A segment or tag audience becomes recipients once, as the campaign starts (take-audience.ts).
          if (campaign.audience !== null && campaign.audience_taken_at === null) {
            const fresh = await findCampaign(trx, workspaceId, campaignId);
            const taken = fresh ? await takeAudience(trx, workspaceId, fresh, now) : { added: 0 };
            if ("missingSegment" in taken) {
              // Its segment was deleted before it started: sending to part of what was meant (the
              // listed recipients alone) is not what anyone asked for, and trying again finds no
              // segment either. The campaign ends failed, with why; nothing was queued.
              const reason = `The campaign's segment ${taken.missingSegment} was deleted before the campaign started; nothing was sent.`;
              if (await failRunningCampaign(trx, workspaceId, campaignId, "AUDIENCE_NOT_FOUND", reason, now))
                await deps.events.recordEvent(trx, workspaceId, {
                  type: "campaign.status",
                  at: now,
                  data: { id: campaignId, status: "failed", previous: "running" },
                });
              return "failed" as const;
            }
          }
          const pending = await pendingRecipients(trx, workspaceId, campaignId, CHUNK);
          if (pending.length === 0) return false;
          const keyed = pending.map((r) => ({ ...r, recipient_key: r.recipient_key ?? recipientKey(r.to) }));
          // Each customer once per campaign, across chunks and uploads: a repeat is skipped, never sent.
          const duplicates = await duplicateRecipients(trx, workspaceId, campaignId, keyed);
          const chunk = keyed.filter((r) => !duplicates.has(r.seq));
          const key = new Map(keyed.map((r) => [r.seq, r.recipient_key]));
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
            [
              ...results.map((r) =>
                "messageId" in r
                  ? { seq: r.key, state: "queued" as const, skip_reason: null, message_id: r.messageId }
                  : { seq: r.key, state: "skipped" as const, skip_reason: r.skipped, message_id: null },
              ),
              ...[...duplicates].map((seq) => ({
                seq,
                state: "skipped" as const,
                skip_reason: "DUPLICATE_RECIPIENT",
                message_id: null,
              })),
            ].map((u) => ({ ...u, recipient_key: key.get(u.seq) ?? null })),
          );
          await deps.events.recordEvent(trx, workspaceId, {
            type: "campaign.progress",
            at: now,
            data: { id: campaignId },
          });
          return true;
        });
        if (queued === "failed") return;
        if (!queued) {
          // All queued or skipped: done, unless messages are still in the outbox (then the
          // dispatch batch that settles the last of them completes it).
          await completeCampaignIfSettled(deps, workspaceId, campaignId, deps.clock.now());
          return;
        }
        deps.jobs.pokeOutbox();
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
