import { ChannelError, type UploadSessionQuery } from "../../channels/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { channelForWorkspace, type WorkspaceChannelDeps } from "../connection/index.js";
import { metaFailure } from "./meta-failure.js";
import type { SpooledFile } from "./spool-body.js";

/** The channel's resumable upload (capability `resumable_upload`) knows its app; nothing more is needed. */
export type HeaderSampleDeps = WorkspaceChannelDeps;

export interface HeaderSampleUpload {
  handle: string;
  fileName: string;
  fileType: string;
  fileLength: number;
  sha256: string;
  /** How many times the upload continued from Meta's offset after a failure. */
  resumes: number;
}

/** Sends after a failure, each from the offset Meta reports, before giving up. */
const MAX_ATTEMPTS = 5;

/**
 * `uploads.sendFrom(file, offset)` sends `file.subarray(offset)` after checking the offset against
 * `file.byteLength`. Handing it this view of a file on disk makes `subarray` a Blob slice, which
 * fetch streams from disk: a 100 MB sample never sits in memory, and a resume sends only the bytes
 * from Meta's offset on. (A `Blob` overload of `sendFrom` in the Graph client would retire the cast.)
 */
function fileOnDisk(blob: Blob): Uint8Array {
  return { byteLength: blob.size, subarray: (start: number) => blob.slice(start) } as unknown as Uint8Array;
}

/**
 * Meta's Resumable Upload API for a template header sample: open a session with the file's
 * length and type, send the bytes, and when the connection drops or Meta fails transiently, ask
 * Meta how many bytes it holds (`GET /{session}` → `file_offset`) and send only the rest. The
 * handle (`h`) goes into `example.header_handle` of an IMAGE, VIDEO or DOCUMENT header.
 */
export async function uploadHeaderSample(
  deps: HeaderSampleDeps,
  workspaceId: WorkspaceId,
  file: { spooled: SpooledFile; fileName: string; fileType: UploadSessionQuery["file_type"] },
): Promise<HeaderSampleUpload> {
  const g = await channelForWorkspace(deps, workspaceId);
  const { spooled, fileName, fileType } = file;
  const doing = `uploading "${fileName}" to Meta`;
  const session = await g.uploads
    .start({ file_name: fileName, file_length: spooled.size, file_type: fileType })
    .catch((err) => Promise.reject(metaFailure(err, doing)));
  const bytes = fileOnDisk(await spooled.blob(fileType));
  let offset = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      const data = await g.uploads.sendFrom(session.id, bytes, offset);
      return {
        handle: data.h,
        fileName,
        fileType,
        fileLength: spooled.size,
        sha256: spooled.sha256,
        resumes: attempt - 1,
      };
    } catch (err) {
      if (!(err instanceof ChannelError) || !err.retryable || attempt >= MAX_ATTEMPTS) throw metaFailure(err, doing);
    }
    // Meta's offset, not ours: bytes in flight when the connection dropped may or may not have arrived.
    const { fileOffset } = await g.uploads.offset(session.id).catch((err) => Promise.reject(metaFailure(err, doing)));
    offset = Math.min(fileOffset, spooled.size);
  }
}
