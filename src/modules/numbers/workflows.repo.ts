import type { AnyDb, Executor } from "../../platform/db/index.js";
import { workspaceTable } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

export type WorkflowKind = "add" | "migration" | "deletion";
/**
 * in_progress: Wharf is doing the step (a job); waiting: the business must act (request or enter
 * the code, send the templates); failed: the step failed, with the error and what to do, and
 * resumes from the same step; scheduled / cancelled / completed.
 */
export type WorkflowState = "in_progress" | "waiting" | "failed" | "scheduled" | "cancelled" | "completed";

export interface WorkflowRow {
  id: string;
  workspace_id: string;
  kind: WorkflowKind;
  state: WorkflowState;
  step: string;
  phone_number_id: string | null;
  meta_phone_number_id: string | null;
  country_code: string | null;
  phone_number: string | null;
  display_name: string | null;
  error: string | null;
  data: string;
  scheduled_for: number | null;
  created_at: number;
  updated_at: number;
}

const workflows = workspaceTable<WorkflowRow>({ table: "number_workflows" });
const NEWEST = [["id", "desc"]] as const;

/** Whether a workflow in this state is over (a record: a new state must say). */
const OVER: Record<WorkflowState, boolean> = {
  in_progress: false,
  waiting: false,
  failed: false,
  scheduled: false,
  cancelled: true,
  completed: true,
};
const OPEN_STATES = (Object.keys(OVER) as WorkflowState[]).filter((s) => !OVER[s]);

export async function insertWorkflow(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  row: Omit<WorkflowRow, "workspace_id">,
) {
  await workflows.insert(db, workspaceId, row);
}

export async function findWorkflow(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  id: string,
): Promise<WorkflowRow | null> {
  return workflows.find(db, workspaceId, { id });
}

/** The number's newest workflow of these kinds that is not over. */
export async function findOpenWorkflow(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  phoneNumberId: string,
  kinds: WorkflowKind[],
): Promise<WorkflowRow | null> {
  return workflows.find(db, workspaceId, { phone_number_id: phoneNumberId, kind: kinds, state: OPEN_STATES }, NEWEST);
}

/** The number's newest workflow of a kind, over or not. */
export async function findLatestWorkflow(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  phoneNumberId: string,
  kind: WorkflowKind,
): Promise<WorkflowRow | null> {
  return workflows.find(db, workspaceId, { phone_number_id: phoneNumberId, kind }, NEWEST);
}

export type WorkflowPatch = Partial<
  Pick<
    WorkflowRow,
    "state" | "step" | "phone_number_id" | "meta_phone_number_id" | "error" | "data" | "scheduled_for" | "display_name"
  >
>;

/**
 * Moves the workflow on, only from the state and step the caller read (compare-and-set): of two
 * requests or jobs moving the same step, one wins and the other sees `false`.
 */
export async function moveWorkflow(
  db: AnyDb | Executor,
  workspaceId: WorkspaceId,
  id: string,
  from: { state: WorkflowState; step: string },
  patch: WorkflowPatch,
  now: number,
): Promise<boolean> {
  const moved = await workflows.update(
    db,
    workspaceId,
    { id, state: from.state, step: from.step },
    { ...patch, updated_at: now },
  );
  return moved === 1;
}
