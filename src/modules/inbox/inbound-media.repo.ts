import type { AnyDb, Executor } from "../../platform/db/index.js";
import { typed, workspaceTable } from "../../platform/db/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";

export interface InboundMediaRow {
  workspace_id: string;
  meta_media_id: string;
  meta_phone_number_id: string;
  mime_type: string | null;
  sha256: string | null;
  filename: string | null;
  wamid: string;
  created_at: number;
}

interface Tables {
  inbound_media: InboundMediaRow;
}

const q = (db: AnyDb | Executor) => typed<Tables>(db);
const media = workspaceTable<InboundMediaRow>({ table: "inbound_media" });

export async function recordInboundMedia(
  executor: Executor,
  workspaceId: WorkspaceId,
  row: Omit<InboundMediaRow, "workspace_id">,
): Promise<void> {
  await q(executor)
    .insertInto("inbound_media")
    .values({ ...row, workspace_id: workspaceId })
    .onConflict((oc) => oc.columns(["workspace_id", "meta_media_id"]).doNothing())
    .execute();
}

/** Only media a customer sent to this workspace: another workspace's media id is simply not found. */
export async function findInboundMedia(
  db: AnyDb,
  workspaceId: WorkspaceId,
  metaMediaId: string,
): Promise<InboundMediaRow | null> {
  return media.find(db, workspaceId, { meta_media_id: metaMediaId });
}
