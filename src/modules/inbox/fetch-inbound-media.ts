import { GraphAuthError, GraphError, GraphRateLimitError } from "../../graph/index.js";
import { AppError, notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { graphForWorkspace, type WorkspaceGraphDeps } from "../connection/index.js";
import { findInboundMedia } from "./inbound-media.repo.js";

/**
 * The bytes of a photo, voice note or file a customer sent, fetched from Meta when asked: Meta's
 * download URL lives 5 minutes, so none is stored. Only media of this workspace's own inbound
 * messages can be fetched, and Meta is asked with the receiving number, which makes it refuse a
 * media id of another number as well.
 */
export async function fetchInboundMedia(
  deps: WorkspaceGraphDeps,
  workspaceId: WorkspaceId,
  metaMediaId: string,
): Promise<{ body: Buffer; contentType: string; filename: string | null }> {
  const row = await findInboundMedia(deps.db, workspaceId, metaMediaId);
  if (!row) throw notFound("The media");
  const g = await graphForWorkspace(deps, workspaceId);
  try {
    const info = (await g.media.get(metaMediaId, { phoneNumberId: row.meta_phone_number_id })).data;
    const file = await g.media.download(info.url);
    return { body: Buffer.from(file.body), contentType: file.contentType ?? info.mime_type, filename: row.filename };
  } catch (err) {
    throw mediaFailure(err);
  }
}

function mediaFailure(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (!(err instanceof GraphError))
    return new AppError("META_UNAVAILABLE", "Meta could not be reached for the media; retry later.");
  const details = { metaCode: err.code, fbtraceId: err.fbtrace_id };
  if (err instanceof GraphAuthError)
    return new AppError(
      "CONNECTION_NEEDS_RECONNECT",
      "Meta rejected the access token; reconnect WhatsApp in Settings.",
      { details },
    );
  if (err instanceof GraphRateLimitError)
    return new AppError("RATE_LIMITED", "Meta is rate limiting media downloads; retry shortly.", {
      details,
      retryAfterSeconds: Math.ceil((err.retryAfterMs ?? 30_000) / 1000),
    });
  if (err.retryable)
    return new AppError("META_UNAVAILABLE", "Meta had a temporary problem serving the media; retry later.", {
      details,
    });
  // Meta keeps inbound media for a limited time (30 days); after that the id is unknown to it.
  return new AppError(
    "MEDIA_EXPIRED",
    `Meta no longer serves this media (${err.details ?? err.message}); ask the customer to send it again.`,
    { details },
  );
}
