import { z } from "zod";
import type { PhoneNumber } from "../../graph/index.js";
import { defineJob, type JobDefinition } from "../../platform/jobs/index.js";
import {
  graphForWorkspace,
  updatePhoneNumberHealth,
  workspacesOfWaba,
  type WorkspaceGraphDeps,
} from "../connection/index.js";
import { applyTemplateStatusUpdate } from "../templates/index.js";

const TemplateStatus = z.object({
  wabaId: z.string(),
  metaTemplateId: z.string(),
  name: z.string(),
  language: z.string(),
  event: z.string(),
  reason: z.string().nullable(),
});
const NumberHealth = z.object({
  wabaId: z.string(),
  displayPhoneNumber: z.string().nullable(),
  messagingLimit: z.string().nullable(),
});

export interface AccountJobs {
  templateStatus: JobDefinition<typeof TemplateStatus>;
  numberHealth: JobDefinition<typeof NumberHealth>;
}

const digits = (s: string) => s.replace(/\D/g, "");

/**
 * WABA-level changes need Meta or another module's own writes, so the processor hands them to
 * jobs written in its transaction: they run once it commits and are retried if Meta is down.
 */
export function accountJobs(deps: WorkspaceGraphDeps): AccountJobs {
  return {
    templateStatus: defineJob({
      name: "webhooks.template-status",
      payload: TemplateStatus,
      handler: (p) => applyTemplateStatusUpdate(deps, p),
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
            const g = await graphForWorkspace(deps, workspaceId);
            numbers = (await g.wabas.listPhoneNumbers(p.wabaId, { limit: 100 })).data.data;
          } catch (err) {
            lastError = err instanceof Error ? err : new Error(String(err));
            continue;
          }
          const now = deps.clock.now();
          for (const n of numbers) {
            if (p.displayPhoneNumber && digits(n.display_phone_number ?? "") !== digits(p.displayPhoneNumber)) continue;
            const messagingLimit =
              p.messagingLimit ?? n.whatsapp_business_manager_messaging_limit ?? n.messaging_limit_tier;
            const owners = await updatePhoneNumberHealth(
              deps.db,
              n.id,
              { quality_rating: n.quality_rating, messaging_limit: messagingLimit, status: n.status },
              now,
            );
            for (const o of owners) {
              await deps.events.recordEvent(deps.db, o.workspaceId, {
                type: "phone_number.health_changed",
                at: now,
                data: {
                  id: o.phoneNumberId,
                  qualityRating: n.quality_rating ?? null,
                  messagingLimit: messagingLimit ?? null,
                  status: n.status ?? null,
                },
              });
            }
          }
          return;
        }
        // Every connected workspace failed to reach Meta: retry later (with the job's backoff).
        if (lastError) throw lastError;
      },
    }),
  };
}
