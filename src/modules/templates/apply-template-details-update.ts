import { workspacesOfWaba } from "../connection/index.js";
import type { TemplatesDeps } from "./sync-templates.js";
import { findTemplateByMetaId, setTemplateDetails } from "./templates.repo.js";

/**
 * One `message_template_quality_update` (`qualityScore`) or completed `template_category_update`
 * (`category`) from Meta's webhook. An impending category change (`correct_category` without a
 * `previous_category`) is announced but stored only once Meta has made it.
 */
export interface TemplateDetailsUpdate {
  wabaId: string;
  metaTemplateId: string;
  name: string;
  language: string;
  qualityScore?: { previous: string | null; current: string };
  category?: { previous: string | null; current: string; upcoming: string | null };
}

/**
 * Stores the template's new quality score or category in every workspace connected to the WABA and
 * records `template.quality` / `template.category` with Wharf's template id. A template Wharf does
 * not have yet is left to the next template sync (it brings both).
 */
export async function applyTemplateDetailsUpdate(
  deps: Pick<TemplatesDeps, "db" | "clock" | "events">,
  input: TemplateDetailsUpdate,
): Promise<void> {
  for (const workspaceId of await workspacesOfWaba(deps.db, input.wabaId)) {
    const now = deps.clock.now();
    await deps.events.transaction(deps.db, async (trx) => {
      const base = { metaTemplateId: input.metaTemplateId, name: input.name, language: input.language };
      if (input.qualityScore) {
        await setTemplateDetails(trx, workspaceId, input.metaTemplateId, {
          quality_score: input.qualityScore.current,
          updated_at: now,
        });
        const stored = await findTemplateByMetaId(trx, workspaceId, input.metaTemplateId);
        await deps.events.recordEvent(trx, workspaceId, {
          type: "template.quality",
          at: now,
          data: {
            id: stored?.id ?? null,
            ...base,
            previous: input.qualityScore.previous,
            qualityScore: input.qualityScore.current,
          },
        });
      }
      if (input.category) {
        const { previous, current, upcoming } = input.category;
        if (upcoming === null || previous !== null)
          await setTemplateDetails(trx, workspaceId, input.metaTemplateId, { category: current, updated_at: now });
        const stored = await findTemplateByMetaId(trx, workspaceId, input.metaTemplateId);
        await deps.events.recordEvent(trx, workspaceId, {
          type: "template.category",
          at: now,
          data: { id: stored?.id ?? null, ...base, previous, category: stored?.category ?? current, upcoming },
        });
      }
    });
  }
}
