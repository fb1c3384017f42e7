import { AppError, notFound } from "../../platform/errors/index.js";
import type { JobDefinition } from "../../platform/jobs/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { createTemplate, type CreateTemplateInput } from "../templates/index.js";
import { expectStep, moveOn, type NumbersDeps } from "./workflow.js";
import { findWorkflow } from "./workflows.repo.js";

export interface TemplateResult {
  name: string;
  language: string;
  ok: boolean;
  id: string | null;
  status: string | null;
  error: { code: string; message: string } | null;
}

/**
 * The migration's last step: the old WABA's templates, exported as a list, are created again in
 * this WABA through the templates module's own create (its checks, Meta's review). Each template
 * succeeds or fails on its own; `skip` ends the workflow without any.
 */
export async function recreateTemplates(
  deps: NumbersDeps,
  advance: JobDefinition,
  workspaceId: WorkspaceId,
  id: string,
  input: { templates: CreateTemplateInput[]; skip?: boolean | undefined },
) {
  const row = await findWorkflow(deps.db, workspaceId, id);
  if (!row || row.kind !== "migration") throw notFound("The migration");
  expectStep(row, ["templates"], ["waiting"]);
  if (!input.skip && input.templates.length === 0)
    throw new AppError("VALIDATION_FAILED", "Give the exported templates, or skip: true to finish without them.");
  const results: TemplateResult[] = [];
  for (const t of input.skip ? [] : input.templates) {
    try {
      const created = await createTemplate(deps, workspaceId, t);
      results.push({
        name: t.name,
        language: t.language,
        ok: true,
        id: created.id,
        status: created.status,
        error: null,
      });
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError("INTERNAL", "The template could not be created.");
      results.push({
        name: t.name,
        language: t.language,
        ok: false,
        id: null,
        status: null,
        error: { code: e.code, message: e.message },
      });
    }
  }
  const data = { ...(JSON.parse(row.data) as Record<string, unknown>), templates: results };
  const done = await moveOn(deps, advance, row, { state: "completed", step: "done", data: JSON.stringify(data) });
  return { workflow: done, results };
}
