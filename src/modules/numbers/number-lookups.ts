import { notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { findPhoneNumberRow } from "../connection/index.js";
import { workflowView, type NumbersDeps } from "./workflow.js";
import { findOpenWorkflow } from "./workflows.repo.js";

export { deregisterPhoneNumber } from "../connection/index.js";

/** The number's open add or migration workflow, for the dashboard's wizard to pick up where it was. */
export async function describeNumber(deps: NumbersDeps, workspaceId: WorkspaceId, id: string) {
  const number = await findPhoneNumberRow(deps.db, workspaceId, id);
  if (!number) throw notFound("The phone number");
  const open = await findOpenWorkflow(deps.db, workspaceId, number.id, ["add", "migration"]);
  return open ? workflowView(open) : null;
}
