import { z } from "zod";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { AppError, notFound } from "../../platform/errors/index.js";
import {
  appendRecipients,
  findCampaign,
  pushRecipient,
  settleStaged,
  type RecipientColumns,
  FINISHED_STATUSES,
} from "./campaigns.repo.js";
import type { ExpandDeps } from "./expand-campaign.job.js";
import { ndjsonLines } from "./ndjson-lines.js";
import { parseJsonLine } from "./parse-json-line.js";

/** A line is a phone number and a template body's parameters: 64 KiB is far more than one needs, and bounds what is held. */
const MAX_LINE_BYTES = 64 * 1024;
const BATCH = 1000;

/** A template's parameters for one recipient: positional, or by name. The JSON body and NDJSON lines take the same. */
export const RecipientParameters = z.union([
  z.array(z.union([z.string(), z.number()])),
  z.record(z.string(), z.union([z.string(), z.number()])),
]);
export const RecipientLine = z.object({ to: z.string().min(1).max(32), parameters: RecipientParameters.optional() });

/**
 * Streams NDJSON recipients ({"to": "+1555...", "parameters": [...]} per line) in constant memory:
 * rows are staged in batches, each committed, and become pending only when the whole stream was
 * valid; a bad line removes everything this upload staged and names the line.
 */
export async function uploadRecipients(
  deps: ExpandDeps,
  workspaceId: WorkspaceId,
  id: string,
  body: AsyncIterable<Uint8Array>,
): Promise<number> {
  const campaign = await findCampaign(deps.db, workspaceId, id);
  if (!campaign) throw notFound("The campaign");
  if ((FINISHED_STATUSES as readonly string[]).includes(campaign.status))
    throw new AppError("CONFLICT", `The campaign is ${campaign.status}; recipients can no longer be added.`);
  // Columns of strings, not an object per recipient: see appendRecipients for what V8 makes of those.
  let batch: RecipientColumns = { to: [], parameters: [] };
  let lineNo = 0;
  const flush = async () => {
    const rows = batch;
    batch = { to: [], parameters: [] };
    await deps.db.transaction().execute((trx) => appendRecipients(trx, workspaceId, id, rows, "staged"));
  };
  try {
    for await (const lines of ndjsonLines(body, MAX_LINE_BYTES)) {
      for (const line of lines) {
        lineNo++;
        if (line === null)
          throw new AppError(
            "VALIDATION_FAILED",
            `Line ${lineNo}: longer than ${MAX_LINE_BYTES / 1024} KiB; put one recipient on each line. Nothing from this upload was kept.`,
          );
        if (line.trim() === "") continue;
        const parsed = RecipientLine.safeParse(parseJsonLine(line));
        if (!parsed.success)
          throw new AppError(
            "VALIDATION_FAILED",
            `Line ${lineNo}: expected {"to": "+15551234567", "parameters"?: [...]}: ${parsed.error.issues[0]?.message ?? "invalid"}. Nothing from this upload was kept.`,
          );
        pushRecipient(batch, parsed.data);
        if (batch.to.length >= BATCH) await flush();
      }
    }
    await flush();
  } catch (err) {
    await deps.db.transaction().execute((trx) => settleStaged(trx, workspaceId, id, false));
    throw err;
  }
  return deps.db.transaction().execute((trx) => settleStaged(trx, workspaceId, id, true));
}
