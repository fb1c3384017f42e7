import { createHash } from "node:crypto";
import { ChannelError, PROVIDER_NAMES } from "../../channels/index.js";
import { AppError, notFound } from "../../platform/errors/index.js";
import type { WorkspaceId } from "../../platform/workspace-id.js";
import { channelForWorkspace, type WorkspaceChannelDeps } from "../connection/index.js";
import { findInboundMedia } from "./inbound-media.repo.js";

/**
 * The bytes of a photo, voice note or file a customer sent, fetched from Meta when asked: Meta's
 * download URL lives 5 minutes, so none is stored. Only media of this workspace's own inbound
 * messages can be fetched, and Meta is asked with the receiving number, which makes it refuse a
 * media id of another number as well.
 */
export async function fetchInboundMedia(
  deps: WorkspaceChannelDeps,
  workspaceId: WorkspaceId,
  metaMediaId: string,
): Promise<{ body: Buffer; contentType: string; filename: string | null }> {
  const row = await findInboundMedia(deps.db, workspaceId, metaMediaId);
  if (!row) throw notFound("The media");
  const g = await channelForWorkspace(deps, workspaceId);
  try {
    const info = await g.media.get(metaMediaId, { phoneNumberId: row.meta_phone_number_id });
    const file = await g.media.download(info.url);
    const body = Buffer.from(file.body);
    if (!matchesSha256(body, row.sha256))
      throw new AppError(
        "META_UNAVAILABLE",
        "The media Meta served does not match the SHA-256 its webhook announced (a cut or altered download); retry later.",
      );
    return { body, contentType: file.contentType ?? info.mime_type, filename: row.filename };
  } catch (err) {
    throw mediaFailure(err);
  }
}

/**
 * The bytes against the hash of the inbound webhook. Meta sends it base64-encoded (image webhook
 * reference and OpenAPI example: `"sha256": "SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI="`); a hex
 * hash is accepted too. No hash (or one in neither form) is not checked.
 */
export function matchesSha256(body: Buffer, announced: string | null): boolean {
  if (!announced) return true;
  const digest = createHash("sha256").update(body).digest();
  if (/^[0-9a-f]{64}$/i.test(announced)) return digest.toString("hex") === announced.toLowerCase();
  if (/^[A-Za-z0-9+/]{43}=$/.test(announced)) return digest.toString("base64") === announced;
  return true;
}

function mediaFailure(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (!(err instanceof ChannelError))
    return new AppError("META_UNAVAILABLE", "Meta could not be reached for the media; retry later.");
  const who = PROVIDER_NAMES[err.channel];
  const details = { metaCode: err.provider.code, fbtraceId: err.provider.traceId };
  if (err.kind === "auth_lapsed")
    return new AppError(
      "CONNECTION_NEEDS_RECONNECT",
      `${who} rejected the access token; reconnect WhatsApp in Settings.`,
      {
        details,
      },
    );
  if (err.kind === "throttled")
    return new AppError("RATE_LIMITED", `${who} is rate limiting media downloads; retry shortly.`, {
      details,
      retryAfterSeconds: Math.ceil((err.retryAfterMs ?? 30_000) / 1000),
    });
  if (err.retryable)
    return new AppError("META_UNAVAILABLE", `${who} had a temporary problem serving the media; retry later.`, {
      details,
    });
  // Meta keeps inbound media for a limited time (30 days); after that the id is unknown to it.
  return new AppError(
    "MEDIA_EXPIRED",
    `${who} no longer serves this media (${err.provider.details ?? err.message}); ask the customer to send it again.`,
    { details },
  );
}
