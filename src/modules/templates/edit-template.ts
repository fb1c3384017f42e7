import type { EditTemplateRequest } from "../../channels/index.js";
import { AppError, notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { channelForWorkspace } from "../connection/index.js";
import { toCreateRequest } from "./create-template.js";
import { metaFailure } from "./meta-failure.js";
import type { TemplateCategory } from "./rule-context.js";
import type { TemplatesDeps } from "./sync-templates.js";
import { findTemplate, updateTemplate, type TemplateRow } from "./templates.repo.js";

export interface EditTemplateInput {
  category?: TemplateCategory | undefined;
  components?: unknown[] | undefined;
  messageSendTtlSeconds?: number | undefined;
}

const DAY_MS = 24 * 60 * 60_000;
const EDITABLE = ["APPROVED", "REJECTED", "PAUSED"];

/**
 * Meta's edit limits, checked before asking Meta: only APPROVED, REJECTED and PAUSED templates,
 * an approved template keeps its category and is edited at most once per 24 hours and 10 times
 * per 30 days (rejected and paused ones without limit).
 */
function checkEditAllowed(row: TemplateRow, input: EditTemplateInput, now: number): number[] {
  if (!EDITABLE.includes(row.status)) {
    throw new AppError(
      "TEMPLATE_NOT_EDITABLE",
      `Template "${row.name}" (${row.language}) is ${row.status}; Meta allows edits only to APPROVED, REJECTED and PAUSED templates.`,
    );
  }
  const recent = (JSON.parse(row.approved_edits) as number[])
    .filter((at) => now - at < 30 * DAY_MS)
    .sort((a, b) => a - b);
  if (row.status !== "APPROVED") return recent;
  if (input.category !== undefined && input.category !== row.category) {
    throw new AppError(
      "TEMPLATE_INVALID",
      `An approved template keeps its category (${row.category}); create a new template for ${input.category}.`,
      {
        details: [{ field: "category", message: `Approved templates can't change category (${row.category}).` }],
      },
    );
  }
  const last = recent[recent.length - 1];
  const nextAt =
    last !== undefined && now - last < DAY_MS
      ? last + DAY_MS
      : recent.length >= 10
        ? recent[recent.length - 10]! + 30 * DAY_MS
        : null;
  if (nextAt !== null) {
    throw new AppError(
      "TEMPLATE_EDIT_LIMIT_REACHED",
      `An approved template can be edited once per 24 hours and 10 times per 30 days; the next edit is possible at ${new Date(nextAt).toISOString()}.`,
      {
        retryAfterSeconds: Math.ceil((nextAt - now) / 1000),
      },
    );
  }
  return recent;
}

/** Replaces the components (wholesale, as Meta does) and sends the template back to review. */
export async function editTemplate(
  deps: TemplatesDeps,
  workspaceId: WorkspaceId,
  id: string,
  input: EditTemplateInput,
): Promise<TemplateRow> {
  const row = await findTemplate(deps.db, workspaceId, id);
  if (!row) throw notFound("The template");
  const recent = checkEditAllowed(row, input, deps.clock.now());
  const full = toCreateRequest({
    name: row.name,
    language: row.language,
    category: input.category ?? (row.category as TemplateCategory),
    parameterFormat: row.parameter_format === "NAMED" ? "NAMED" : "POSITIONAL",
    messageSendTtlSeconds: input.messageSendTtlSeconds ?? row.message_send_ttl_seconds ?? undefined,
    components: input.components ?? (JSON.parse(row.components) as unknown[]),
  });
  const body: EditTemplateRequest = {
    ...(input.category !== undefined ? { category: full.category } : {}),
    ...(input.components !== undefined ? { components: full.components } : {}),
    ...(input.messageSendTtlSeconds !== undefined ? { message_send_ttl_seconds: input.messageSendTtlSeconds } : {}),
  };
  const g = await channelForWorkspace(deps, workspaceId);
  await g.templates
    .edit(row.meta_template_id, body)
    .catch((err) => Promise.reject(metaFailure(err, `editing template "${row.name}"`)));
  const now = deps.clock.now();
  const patch = {
    category: full.category,
    components: JSON.stringify(full.components),
    message_send_ttl_seconds: full.message_send_ttl_seconds ?? null,
    // Meta reviews every edit again.
    status: "PENDING",
    reason: null,
    approved_edits: JSON.stringify(row.status === "APPROVED" ? [...recent, now] : recent),
    updated_at: now,
  };
  await deps.events.transaction(deps.db, async (trx) => {
    await updateTemplate(trx, workspaceId, row.id, patch);
    await deps.events.recordEvent(trx, workspaceId, {
      type: "template.status",
      at: now,
      data: {
        id: row.id,
        wabaId: row.waba_id,
        metaTemplateId: row.meta_template_id,
        name: row.name,
        language: row.language,
        status: "PENDING",
        event: null,
        reason: null,
      },
    });
  });
  return { ...row, ...patch };
}
