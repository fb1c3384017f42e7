import { expect } from "vitest";
import { asWorkspaceId } from "../../src/platform/workspace-id.js";
import { automationDefinition, type AutomationDefinition } from "../../src/modules/automations/index.js";
import { insertAutomation } from "../../src/modules/automations/automations.repo.js";
import type { StartedWharf } from "./wharf.js";
import { apiClient, eventually } from "./api-client.js";

/** Wall time plus an offset the test moves: jobs, sends and leases see time flow, and jump. */
export function steppingClock() {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      offset += ms;
    },
  };
}

let seq = 0;

/**
 * An enabled automation written the way the automations module writes one (its repo, its schema's
 * defaults): for runtime tests that do not go through its routes.
 */
export async function enabledAutomation(
  w: StartedWharf,
  definition: unknown,
  workspaceId = w.demo.workspaceId,
): Promise<{ id: string; definition: AutomationDefinition }> {
  const parsed = automationDefinition.parse(definition);
  const now = Date.now();
  const id = `aut_test${String(++seq).padStart(4, "0")}${Math.random().toString(36).slice(2, 8)}`;
  const trigger = parsed.trigger;
  await w.wharf.database.db.transaction().execute((trx) =>
    insertAutomation(
      trx,
      asWorkspaceId(workspaceId),
      {
        id,
        name: `test ${id}`,
        description: null,
        status: "enabled",
        version: 1,
        trigger_kind: trigger.kind,
        trigger_match: trigger.kind === "event" ? trigger.eventType : trigger.kind === "tag_added" ? trigger.tag : null,
        recipe: null,
        enabled_at: now,
        created_at: now,
        updated_at: now,
      },
      parsed,
    ),
  );
  return { id, definition: parsed };
}

/** A UTILITY template with one body variable, approved by the emulator's review. */
export async function approvedTemplate(w: StartedWharf, name: string, apiKey = w.demo.apiKey): Promise<void> {
  const api = apiClient(w.url, apiKey);
  const created = await api.call("POST", "/v1/templates", {
    name,
    language: "en_US",
    category: "UTILITY",
    components: [{ type: "BODY", text: `${name}: hello {{1}}.`, example: { body_text: [["Ana"]] } }],
  });
  expect(created.status, JSON.stringify(created.body)).toBeLessThan(300);
  const state = await api.emulator("GET", "/state");
  for (const t of state.templates.filter((t: { name: string }) => t.name === name))
    await api.emulator("POST", `/templates/${t.id}/review`, { status: "APPROVED" });
  await eventually(
    async () =>
      (await api.call("GET", "/v1/templates")).body.data.find(
        (t: { name: string; status: string }) => t.name === name && t.status === "APPROVED",
      ),
    20_000,
    `${name} approved`,
  );
}

/** The jobs of journeys' steps still waiting to run (due or not). */
export async function pendingStepJobs(w: StartedWharf): Promise<number> {
  const row = await w.wharf.database.db
    .selectFrom("jobs")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("name" as never, "=", "journeys.step" as never)
    .where("status" as never, "in", ["queued", "running"] as never)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
