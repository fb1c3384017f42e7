import type { WorkspaceId } from "../../platform/workspace-id.js";
import { getActivePhoneNumber, channelForWorkspace, type WorkspaceChannelDeps } from "../connection/index.js";
import { metaFailure } from "./meta-failure.js";
import type { SpooledFile } from "./spool-body.js";

export interface MessageMedia {
  /** Meta's media id: what `image: {id}` (and the other media types) of a message takes. */
  id: string;
  phoneNumberId: string;
  metaPhoneNumberId: string;
  mimeType: string;
  fileName: string;
  fileSize: number;
  sha256: string;
  /** Meta keeps uploaded media for 30 days. */
  expiresAt: string;
}

const RETENTION_MS = 30 * 24 * 60 * 60_000;

/**
 * Uploads a file to Meta as media of one of the workspace's active numbers (Meta ties media to the
 * number that uploaded it). Not retried: a second attempt would make a second media object.
 */
export async function uploadMessageMedia(
  deps: WorkspaceChannelDeps,
  workspaceId: WorkspaceId,
  input: { phoneNumberId: string; spooled: SpooledFile; mimeType: string; fileName: string },
): Promise<MessageMedia> {
  const phone = await getActivePhoneNumber(deps, workspaceId, input.phoneNumberId);
  const g = await channelForWorkspace(deps, workspaceId);
  const data = await input.spooled.blob(input.mimeType);
  const res = await g.media
    .upload(phone.meta_phone_number_id, { data, mimeType: input.mimeType, filename: input.fileName })
    .catch((err) => Promise.reject(metaFailure(err, `uploading "${input.fileName}" to Meta`)));
  const now = deps.clock.now();
  return {
    id: res.id,
    phoneNumberId: phone.id,
    metaPhoneNumberId: phone.meta_phone_number_id,
    mimeType: input.mimeType,
    fileName: input.fileName,
    fileSize: input.spooled.size,
    sha256: input.spooled.sha256,
    expiresAt: new Date(now + RETENTION_MS).toISOString(),
  };
}
