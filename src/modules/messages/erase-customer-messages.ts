import type { Executor } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { eraseCustomerMessageRows, failWithdrawn } from "./messages.repo.js";
import { deleteCustomerOutbox } from "./outbox.repo.js";

/**
 * A contact is erased (inbox's DELETE /v1/contacts/{id}, handed this function by main.ts since
 * messages depends on inbox): its messages not yet sent leave the outbox and fail, then every
 * message to or from it keeps its status and counts but loses its body and the customer's number,
 * in the caller's transaction. Answers how many messages were erased.
 */
export async function eraseCustomerMessages(
  trx: Executor,
  workspaceId: WorkspaceId,
  input: { waId: string; anonymousKey: string; now: number },
): Promise<number> {
  const withdrawn = await deleteCustomerOutbox(trx, workspaceId, input.waId);
  await failWithdrawn(
    trx,
    workspaceId,
    withdrawn,
    { code: "CONTACT_ERASED", message: "The contact was erased before this message was sent." },
    input.now,
  );
  return eraseCustomerMessageRows(trx, workspaceId, input.waId, input.anonymousKey, input.now);
}
