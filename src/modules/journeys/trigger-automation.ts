import { newId } from "../../platform/crypto/index.js";
import { AppError, notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findAutomation, journeyKey } from "../automations/index.js";
import { findContact } from "../inbox/index.js";
import { enterJourney } from "./enter-journey.js";
import type { JourneyDeps } from "./runtime.js";

/**
 * An API trigger: enters a contact (by id, phone or wa id) into an enabled automation whose trigger
 * is `api`. `key` (optional) makes the call idempotent: the same key enters the contact once.
 * Returns the journey's id, or null when the rules kept the contact out (conditions, re-entry).
 */
export async function triggerAutomation(
  deps: JourneyDeps,
  workspaceId: WorkspaceId,
  automationId: string,
  input: { contact: { id: string } | { waId: string }; data?: Record<string, unknown>; key?: string },
): Promise<string | null> {
  const automation = await findAutomation(deps.db, workspaceId, automationId);
  if (!automation) throw notFound("The automation");
  const trigger = automation.definition.trigger;
  if (automation.automation.status !== "enabled" || trigger.kind !== "api")
    throw new AppError(
      "CONFLICT",
      "This automation is not enabled with an API trigger; enable it, or trigger it the way its trigger says.",
    );
  const contact = await findContact(deps.db, workspaceId, input.contact);
  if (!contact) throw notFound("The contact");
  const callId = input.key ?? newId("call", deps.clock.now());
  return enterJourney(
    deps,
    workspaceId,
    { automationId, version: automation.version, status: "enabled", definition: automation.definition },
    {
      waId: contact.waId,
      contactId: contact.id,
      key: journeyKey(trigger, { key: callId }),
      keyValue: null,
      triggerId: `api:${callId}`,
      event: input.data ?? {},
    },
  );
}
