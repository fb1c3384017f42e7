import { z } from "zod";
import type { PhoneNumber } from "../../channels/index.js";
import { defineJob, type JobDefinition } from "../../platform/jobs/index.js";
import {
  applyNumberHealth,
  channelForWorkspace,
  workspacesOfWaba,
  type WorkspaceChannelDeps,
} from "../connection/index.js";
import { applyTemplateDetailsUpdate, applyTemplateStatusUpdate } from "../templates/index.js";

const TemplateStatus = z.object({
  wabaId: z.string(),
  metaTemplateId: z.string(),
  name: z.string(),
  language: z.string(),
  event: z.string(),
  reason: z.string().nullable(),
});
const TemplateDetails = z.object({
  wabaId: z.string(),
  metaTemplateId: z.string(),
  name: z.string(),
  language: z.string(),
  qualityScore: z.object({ previous: z.string().nullable(), current: z.string() }).optional(),
  category: z
    .object({ previous: z.string().nullable(), current: z.string(), upcoming: z.string().nullable() })
    .optional(),
});
const NumberHealth = z.object({
  wabaId: z.string(),
  displayPhoneNumber: z.string().nullable(),
  messagingLimit: z.string().nullable(),
});

export interface AccountJobs {
  templateStatus: JobDefinition<typeof TemplateStatus>;
  templateDetails: JobDefinition<typeof TemplateDetails>;
  numberHealth: JobDefinition<typeof NumberHealth>;
}

const digits = (s: string) => s.replace(/\D/g, "");

/**
 * WABA-level changes need Meta or another module's own writes, so the processor hands them to
 * jobs written in its transaction: they run once it commits and are retried if Meta is down.
 */
export function accountJobs(deps: WorkspaceChannelDeps): AccountJobs {
  return {
    templateStatus: defineJob({
      name: "webhooks.template-status",
      payload: TemplateStatus,
      handler: (p) => applyTemplateStatusUpdate(deps, p),
    }),
    // Quality score and category changes: stored on the template by the templates module.
    templateDetails: defineJob({
      name: "webhooks.template-details",
      payload: TemplateDetails,
      handler: (p) => applyTemplateDetailsUpdate(deps, p),
    }),
    // phone_number_quality_update names the number by its display number and says little about the
    // new rating, so the webhook is the trigger and Meta's phone number node is the truth.
    numberHealth: defineJob({
      name: "webhooks.number-health",
      payload: NumberHealth,
      async handler(p) {
        const workspaces = await workspacesOfWaba(deps.db, p.wabaId);
        let lastError: Error | null = null;
        for (const workspaceId of workspaces) {
          let numbers: PhoneNumber[];
          try {
            const g = await channelForWorkspace(deps, workspaceId);
            numbers = (await g.numbers.list({ limit: 100 })).data;
          } catch (err) {
            lastError = err instanceof Error ? err : new Error(String(err));
            continue;
          }
          for (const n of numbers) {
            if (p.displayPhoneNumber && digits(n.display_phone_number ?? "") !== digits(p.displayPhoneNumber)) continue;
            // Quality, limit, status and health_status (can it send, and why not): a number Meta
            // blocks is paused, and resumes when Meta says it can send again.
            await applyNumberHealth(deps, n, p.messagingLimit);
          }
          return;
        }
        // Every connected workspace failed to reach Meta: retry later (with the job's backoff).
        if (lastError) throw lastError;
      },
    }),
  };
}
