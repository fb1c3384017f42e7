import type { Transaction } from "kysely";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { AppError, notFound } from "../../platform/errors/index.js";
import { newId } from "../../platform/crypto/index.js";
import { getActivePhoneNumber } from "../connection/index.js";
import { holdCampaignOutbox, withdrawCampaignMessages } from "../messages/index.js";
import { getTemplateForSend } from "../templates/index.js";
import {
  appendRecipients,
  findCampaign,
  insertCampaign,
  setCampaignStatus,
  skipAllPending,
  toRecipientColumns,
  type CampaignRow,
} from "./campaigns.repo.js";
import { startCampaign, type ExpandDeps } from "./expand-campaign.job.js";
import { checkAudience, type CampaignAudience } from "./take-audience.js";

export interface CreateCampaignInput {
  name: string;
  from: string;
  template: { name: string; language: string; components?: unknown[] };
  recipients?: Array<{ to: string; parameters?: unknown }>;
  /** A segment's or a tag's members, taken when the campaign starts (besides any `recipients`). */
  audience?: CampaignAudience;
  scheduledAt?: number | null;
  /** Keep it as a draft (to stream recipients in first); start it with resume. */
  draft?: boolean;
}

/** The template must be approved now; the number must be active. Recipients are checked one by one when sent. */
export async function createCampaign(
  deps: ExpandDeps,
  workspaceId: WorkspaceId,
  input: CreateCampaignInput,
): Promise<CampaignRow> {
  const phone = await getActivePhoneNumber(deps, workspaceId, input.from);
  const template = await getTemplateForSend(deps.templates, workspaceId, input.template);
  if (input.audience) await checkAudience(deps.db, workspaceId, input.audience);
  const now = deps.clock.now();
  const status = input.draft ? "draft" : input.scheduledAt && input.scheduledAt > now ? "scheduled" : "running";
  const row: CampaignRow = {
    id: newId("cmp", now),
    workspace_id: workspaceId,
    name: input.name,
    phone_number_id: phone.id,
    template_name: template.name,
    template_language: template.language,
    template_components: input.template.components?.length ? JSON.stringify(input.template.components) : null,
    status,
    scheduled_at: input.scheduledAt ?? null,
    total: 0,
    audience: input.audience ? JSON.stringify(input.audience) : null,
    audience_taken_at: null,
    failure_reason: null,
    created_at: now,
    updated_at: now,
  };
  await deps.db.transaction().execute(async (trx) => {
    await insertCampaign(trx, workspaceId, row);
    await appendRecipients(trx, workspaceId, row.id, toRecipientColumns(input.recipients ?? []));
  });
  if (status !== "draft")
    await startCampaign(deps, workspaceId, row.id, status === "scheduled" ? input.scheduledAt! : undefined);
  return (await findCampaign(deps.db, workspaceId, row.id))!;
}

/**
 * A start time already past is not refused (a form filled a minute too slowly), but the campaign
 * then starts at once (a draft: when resumed), and the answer says so rather than sending silently.
 */
export function scheduleWarnings(
  input: Pick<CreateCampaignInput, "scheduledAt" | "draft">,
  now: number,
): Array<{ code: "SCHEDULED_AT_PAST"; message: string }> {
  if (input.scheduledAt == null || input.scheduledAt > now) return [];
  const when = new Date(input.scheduledAt).toISOString();
  return [
    {
      code: "SCHEDULED_AT_PAST",
      message: input.draft
        ? `scheduledAt (${when}) is in the past: the campaign will start as soon as it is resumed.`
        : `scheduledAt (${when}) is in the past: the campaign started now. Cancel it if that was not meant.`,
    },
  ];
}

export async function pauseCampaign(deps: ExpandDeps, workspaceId: WorkspaceId, id: string): Promise<void> {
  await transition(deps, workspaceId, id, "paused", ["running", "scheduled"], (trx) =>
    holdCampaignOutbox(trx, workspaceId, id, true),
  );
}

/**
 * Resumes a paused campaign, or starts a draft. One whose start time is still ahead goes back to
 * scheduled (its job is still waiting for that time); otherwise it runs now.
 */
export async function resumeCampaign(deps: ExpandDeps, workspaceId: WorkspaceId, id: string): Promise<void> {
  const campaign = await findCampaign(deps.db, workspaceId, id);
  const later = campaign?.scheduled_at != null && campaign.scheduled_at > deps.clock.now();
  await transition(deps, workspaceId, id, later ? "scheduled" : "running", ["paused", "draft"], (trx) =>
    holdCampaignOutbox(trx, workspaceId, id, false),
  );
  await startCampaign(deps, workspaceId, id, later ? campaign.scheduled_at! : undefined);
  // The outbox rows released above; a job startCampaign enqueued wakes the job workers itself.
  deps.jobs.pokeOutbox();
}

/** Cancels: recipients not yet handed to Meta are skipped and their queued messages withdrawn. */
export async function cancelCampaign(deps: ExpandDeps, workspaceId: WorkspaceId, id: string): Promise<void> {
  await transition(deps, workspaceId, id, "cancelled", ["draft", "scheduled", "running", "paused"], async (trx) => {
    await withdrawCampaignMessages(trx, workspaceId, id, deps.clock.now());
    await skipAllPending(trx, workspaceId, id, "CAMPAIGN_CANCELLED");
  });
}

async function transition(
  deps: ExpandDeps,
  workspaceId: WorkspaceId,
  id: string,
  to: CampaignRow["status"],
  from: CampaignRow["status"][],
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the transaction of `events.transaction`, on any module's tables
  also: (trx: Transaction<any>) => Promise<unknown>,
): Promise<void> {
  const campaign = await findCampaign(deps.db, workspaceId, id);
  if (!campaign) throw notFound("The campaign");
  const now = deps.clock.now();
  await deps.events.transaction(deps.db, async (trx) => {
    if (!(await setCampaignStatus(trx, workspaceId, id, to, from, now))) {
      throw new AppError(
        "CONFLICT",
        `The campaign is ${campaign.status}; it can be made ${to} only from ${from.join(" or ")}.`,
      );
    }
    await also(trx);
    // `previous` is what the campaign was when read; the conditional update above guarantees it was one of `from`.
    const previous = from.includes(campaign.status) ? campaign.status : null;
    await deps.events.recordEvent(trx, workspaceId, {
      type: "campaign.status",
      at: now,
      data: { id, status: to, previous },
    });
  });
}
