import type { DialectName, Executor } from "../../platform/db/index.js";
import { AppError } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import type { TemplateForSend } from "../templates/index.js";
import { admitOutbound, type OutboundIntent, type SenderPhone } from "./admission/index.js";
import { buildMetaMessage, normalizeRecipient, type TemplateInput } from "./build-meta-message.js";

export interface BatchRecipient {
  key: number;
  to: string;
  parameters?: TemplateInput["parameters"];
}

export type BatchResult = { key: number; messageId: string } | { key: number; skipped: string };

/**
 * A campaign chunk through the admission pipeline, in the caller's transaction: each recipient is
 * queued, or skipped with the code a single send would have been refused with. The messaging
 * limit is counted across the chunk.
 */
export async function queueTemplateBatch(
  trx: Executor,
  deps: { dialect: DialectName; now: number },
  workspaceId: WorkspaceId,
  input: {
    phone: SenderPhone;
    template: TemplateForSend;
    campaignId: string;
    components?: unknown[];
    recipients: BatchRecipient[];
  },
): Promise<BatchResult[]> {
  const { phone, template } = input;
  const skipped = new Map<number, string>();
  const intents: { key: number; intent: OutboundIntent }[] = [];
  for (const r of input.recipients) {
    const waId = normalizeRecipient(r.to);
    if (!waId) {
      skipped.set(r.key, "INVALID_RECIPIENT");
      continue;
    }
    try {
      const payload = {
        name: template.name,
        language: template.language,
        ...(input.components ? { components: input.components } : {}),
        ...(r.parameters !== undefined ? { parameters: r.parameters } : {}),
      };
      const body = buildMetaMessage({ to: r.to, type: "template", payload });
      intents.push({
        key: r.key,
        intent: {
          workspaceId,
          phone,
          to: r.to,
          waId,
          body,
          template,
          campaignId: input.campaignId,
          contextWamid: null,
          idempotencyKey: null,
          requestHash: null,
          now: deps.now,
        },
      });
    } catch (err) {
      skipped.set(r.key, err instanceof AppError ? err.code : "VALIDATION_FAILED");
    }
  }
  const admissions = await admitOutbound(
    trx,
    deps,
    intents.map((i) => i.intent),
  );
  const queued = new Map<number, string>();
  admissions.forEach((a, n) => {
    const { key } = intents[n]!;
    if (a.kind === "admitted") queued.set(key, a.message.id);
    else if (a.kind === "refused") skipped.set(key, a.error.code);
    // Campaign messages carry no idempotency key, so nothing can make them a duplicate.
    else throw new Error(`campaign ${input.campaignId}: recipient ${key} came back as a duplicate`);
  });
  return input.recipients.map((r) =>
    queued.has(r.key) ? { key: r.key, messageId: queued.get(r.key)! } : { key: r.key, skipped: skipped.get(r.key)! },
  );
}
