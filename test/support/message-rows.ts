import { newMessageRow, type MessageRow } from "../../src/modules/messages/messages.repo.js";
import type { WorkspaceId } from "../../src/platform/workspace-id.js";

/** A campaign's queued template message to `1555<id>` from `pn_1`, as admission writes it; `overrides` changes any column. */
export function campaignMessageRow(
  workspaceId: WorkspaceId,
  id: string,
  campaignId: string,
  overrides: Partial<MessageRow> = {},
): MessageRow {
  return newMessageRow({
    id,
    workspace_id: workspaceId,
    direction: "outbound",
    phone_number_id: "pn_1",
    wa_id: `1555${id}`,
    type: "template",
    content: "{}",
    status: "queued",
    status_rank: 0,
    campaign_id: campaignId,
    template_name: "t",
    template_language: "en_US",
    template_category: "UTILITY",
    business_initiated: 1,
    created_at: 1,
    ...overrides,
  });
}

/** An outbound text message from `pn_1` to `15550001`, `sent`; `overrides` changes any column. */
export function textMessageRow(workspaceId: WorkspaceId, id: string, overrides: Partial<MessageRow> = {}): MessageRow {
  return newMessageRow({
    id,
    workspace_id: workspaceId,
    direction: "outbound",
    phone_number_id: "pn_1",
    wa_id: "15550001",
    type: "text",
    content: "{}",
    status: "sent",
    status_rank: 2,
    created_at: 1,
    ...overrides,
  });
}
